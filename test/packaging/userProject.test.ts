/**
 * The package as a user gets it: packed from a clean copy of the repository (no dist: `prepare`
 * builds it), installed into a project of its own with the README's own install commands (the
 * newest @pulumi/pulumi, TypeScript and @types/node npm offers), compiled there with that project's
 * tsc against the installed types, and run through the engine stand-in with that project's own
 * runtime and dynamic-provider host against the emulator.
 */
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as semver from "semver";
import { EngineDriver, RunResult } from "../engine/driver";
import { ROOT, azureConfig, managedImage } from "../engine/stacks";
import { blocks } from "../docs/snippets";
import { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const PACKAGE = "pulumi-azure-compute-gallery";
const FIXTURE = path.join(ROOT, "test", "packaging", "user-stack");
const PROJECT = "user-stack";
/** Far longer than any of these runs takes (a few seconds); a run still going then has hung. */
const HUNG_AFTER_MS = 120_000;

/**
 * npm as a user runs it: without the npm_* variables of an `npm test` this suite may run under, and
 * trusting the CAs the environment trusted rather than the emulator's (see test/support/runTests.ts).
 */
function npm(cwd: string, args: string[]): string {
    const { NODE_EXTRA_CA_CERTS: _emulatorCa, INHERITED_NODE_EXTRA_CA_CERTS: inherited, ...rest } = process.env;
    const env = Object.fromEntries(Object.entries(rest).filter(([k]) => !k.toLowerCase().startsWith("npm_")));
    if (inherited) env.NODE_EXTRA_CA_CERTS = inherited;
    return execFileSync("npm", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
}

/** A .gitignore line as a test on a file or folder name (the patterns here are plain names and `*` globs). */
function ignoreRule(pattern: string): RegExp {
    const glob = pattern.replace(/^\/|\/$/g, "");
    return new RegExp(`^${glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

/** What a clean clone holds: the repository without .git and without what its .gitignore keeps out (node_modules, dist, …). */
function cleanCopy(to: string): void {
    const rules = fs.readFileSync(path.join(ROOT, ".gitignore"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")).map(ignoreRule);
    fs.cpSync(ROOT, to, { recursive: true, filter: (src) => src === ROOT || (path.basename(src) !== ".git" && !rules.some((r) => r.test(path.basename(src)))) });
}

/** Every installed copy of a package under a project, nested node_modules included. */
function copiesOf(name: string, project: string): string[] {
    const found: string[] = [];
    const walk = (modules: string) => {
        if (!fs.existsSync(modules)) return;
        if (fs.existsSync(path.join(modules, name, "package.json"))) found.push(path.join(modules, name));
        for (const entry of fs.readdirSync(modules)) {
            const dirs = entry.startsWith("@") ? fs.readdirSync(path.join(modules, entry)).map((e) => path.join(modules, entry, e)) : [path.join(modules, entry)];
            for (const dir of dirs) walk(path.join(dir, "node_modules"));
        }
    };
    walk(path.join(project, "node_modules"));
    return found;
}

/**
 * The commands the README's Install section has a user run in their project (after `cd images`):
 * each `npm …` command, with the packed tarball where the README names the one `npm pack` writes.
 */
function readmeInstall(tarball: string): string[][] {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("\n## Install\n"), readme.indexOf("\n## ", readme.indexOf("\n## Install\n") + 1));
    const shell = blocks(section).find((b) => b.language === "sh");
    assert.ok(shell, "the README's Install section has its commands in a sh block");
    const lines = shell.code.split("\n").map((l) => l.replace(/#.*$/, "").trim());
    const inProject = lines.slice(lines.findIndex((l) => /^mkdir \S+ && cd \S+$/.test(l)) + 1);
    return inProject
        .flatMap((l) => l.split("&&").map((c) => c.trim().split(/\s+/)))
        .filter((args) => args[0] === "npm")
        .map((args) => args.slice(1).map((a) => (a.endsWith(".tgz") ? tarball : a)));
}

/** `npm view … --json` as a list (a list as it is; one value, or none, as a list of it). */
function npmJson<T extends unknown[]>(cwd: string, args: string[]): T {
    const text = npm(cwd, [...args, "--json"]).trim();
    const value: unknown = text === "" ? [] : JSON.parse(text);
    return (Array.isArray(value) ? value : [value]) as T;
}

function versionAt(dir: string): string {
    return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

interface PackResult {
    filename: string;
    files: { path: string }[];
}

describe("the packed package in a user's own project, installed as the README says", function () {
    let scratch: string;
    let source: string;
    let project: string;
    let packed: PackResult;
    let installCommands: string[][];
    let emulator: ArmEmulator;
    let driver: EngineDriver;
    const name = (urn: string) => urn.split("::").pop();
    const plan = (r: RunResult) => r.steps.map((s) => `${s.op} ${name(s.urn)}`).sort();
    const ok = (r: RunResult) => assert.strictEqual(r.error, undefined, r.error);

    /** A run that must end; one still going after HUNG_AFTER_MS is killed and fails the test. */
    async function ends(run: Promise<RunResult>): Promise<RunResult> {
        let timer: NodeJS.Timeout | undefined;
        const hung = new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
                driver.kill();
                reject(new Error(`the run had not ended after ${HUNG_AFTER_MS / 1000} s: it hung`));
            }, HUNG_AFTER_MS);
        });
        try {
            return await Promise.race([run, hung]);
        } finally {
            clearTimeout(timer);
        }
    }

    before(async function () {
        this.timeout(600_000);
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "package-"));
        source = path.join(scratch, "clone");
        cleanCopy(source);
        assert.ok(!fs.existsSync(path.join(source, "dist")), "the clean copy has no dist");
        // The clone's `npm ci`, without another download: only prepare's compiler is needed from it.
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(source, "node_modules"), "dir");
        const json = npm(source, ["pack", "--json", "--pack-destination", scratch]);
        fs.unlinkSync(path.join(source, "node_modules"));
        fs.rmSync(path.join(source, "dist"), { recursive: true });
        [packed] = JSON.parse(json.slice(json.indexOf("["))) as PackResult[];

        project = path.join(scratch, PROJECT);
        fs.cpSync(FIXTURE, project, { recursive: true });
        // As the README tells a user: `npm init -y && npm pkg delete main`, the package and
        // @pulumi/pulumi, then TypeScript and @types/node as dev dependencies; each the newest npm has.
        installCommands = readmeInstall(path.join(scratch, packed.filename));
        for (const args of installCommands) npm(project, args[0] === "install" ? [...args, "--no-audit", "--no-fund"] : args);

        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
        emulator.service.registerSource(managedImage("app"), { location: "westus", osDiskSizeGB: 30 });
        driver = new EngineDriver({
            program: path.join(project, "bin", "index.js"),
            project: PROJECT,
            cwd: project,
            // A new program process each run, as the CLI starts one: nothing kept from an earlier run.
            freshProgram: true,
            env: { NODE_EXTRA_CA_CERTS: emulator.caCertPath },
            config: {
                ...azureConfig(emulator),
                [`${PROJECT}:resourceGroupName`]: RESOURCE_GROUP,
                [`${PROJECT}:managedImageId`]: managedImage("app"),
                [`${PROJECT}:versions`]: JSON.stringify(["1.0.0"]),
            },
        });
    });
    after(async function () {
        this.timeout(300_000); // the scratch projects' node_modules are large
        await emulator?.stop();
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });

    it("ships the built provider, its declarations, the licence and maps that carry their sources, and nothing else", () => {
        const files = packed.files.map((f) => f.path).sort();
        assert.deepStrictEqual(files.filter((f) => /^(dist\/)?(emulator|test|bench|scripts|examples)\//.test(f) || f.startsWith("azure-spec/")), [], "no emulator, test or spec file");
        for (const f of ["LICENSE", "README.md", "package.json", "dist/provider/index.js", "dist/provider/index.d.ts", "dist/provider/runtime.js"]) {
            assert.ok(files.includes(f), `${f} is in the package`);
        }
        assert.deepStrictEqual(files.filter((f) => !["LICENSE", "README.md", "package.json"].includes(f) && !f.startsWith("dist/provider/")), []);
        const installed = path.join(project, "node_modules", PACKAGE);
        const maps = files.filter((f) => f.endsWith(".js.map"));
        assert.strictEqual(maps.length, files.filter((f) => f.endsWith(".js")).length, "a map for every script");
        for (const f of maps) {
            const map = JSON.parse(fs.readFileSync(path.join(installed, f), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
            assert.ok(map.sourcesContent?.length === map.sources.length && map.sourcesContent.every((s) => typeof s === "string" && s.length > 0), `${f} carries its sources`);
        }
    });

    it("installed from git, it is built by npm (prepare) and carries dist/provider", function () {
        this.timeout(300_000);
        const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", ...args], { cwd: source, stdio: "ignore" });
        git("init", "--quiet");
        git("add", "--all");
        git("commit", "--quiet", "-m", "clean clone");
        const consumer = path.join(scratch, "git-consumer");
        fs.mkdirSync(consumer);
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "git-consumer", private: true }));
        npm(consumer, ["install", "--no-audit", "--no-fund", `git+file://${source}`]);
        const installed = path.join(consumer, "node_modules", PACKAGE);
        for (const f of ["dist/provider/index.js", "dist/provider/index.d.ts", "dist/provider/runtime.js", "LICENSE"]) {
            assert.ok(fs.existsSync(path.join(installed, f)), `${f} is in the git install`);
        }
        assert.ok(!fs.existsSync(path.join(installed, "dist", "test")), "only the shipped part is built");
    });

    it("is installed next to the newest @pulumi/pulumi this Node.js runs, which is the only copy in the project", () => {
        const copies = copiesOf("@pulumi/pulumi", project);
        assert.deepStrictEqual(copies, [path.join(project, "node_modules", "@pulumi", "pulumi")], "one @pulumi/pulumi, the project's own");
        // npm prefers the newest release whose `engines` admit the running Node.js: the installed one
        // does, and the release after it, if any, does not (engines only ever rise).
        const installed = versionAt(copies[0]);
        const admits = (engines: { node?: string } | undefined) => engines?.node === undefined || semver.satisfies(process.version, engines.node);
        assert.ok(admits((JSON.parse(fs.readFileSync(path.join(copies[0], "package.json"), "utf8")) as { engines?: { node?: string } }).engines));
        const next = npmJson<string[]>(project, ["view", "@pulumi/pulumi", "versions"]).filter((v) => semver.prerelease(v) === null && semver.gt(v, installed)).sort(semver.compare)[0];
        if (next !== undefined) {
            const [engines] = npmJson<{ node?: string }[]>(project, ["view", `@pulumi/pulumi@${next}`, "engines"]);
            assert.ok(!admits(engines), `${next}, newer than ${installed}, runs on Node.js ${process.version} too`);
        }
    });

    it("is installed with the README's commands: the package and @pulumi/pulumi, then the newest TypeScript @pulumi/pulumi admits and @types/node as dev dependencies", () => {
        assert.deepStrictEqual(
            installCommands.map((args) => args.filter((a) => a !== path.join(scratch, packed.filename)).join(" ")),
            ["init -y", "pkg delete main", "install @pulumi/pulumi", "install --save-dev typescript @types/node"],
        );
        const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as { main?: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
        assert.strictEqual(manifest.main, undefined, "Pulumi runs index.ts");
        assert.deepStrictEqual(Object.keys(manifest.dependencies).sort(), ["@pulumi/pulumi", PACKAGE]);
        assert.deepStrictEqual(Object.keys(manifest.devDependencies).sort(), ["@types/node", "typescript"]);
        // @pulumi/pulumi runs a TypeScript program with the project's TypeScript, within its peer range.
        const peer = (JSON.parse(fs.readFileSync(path.join(project, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { peerDependencies: Record<string, string> }).peerDependencies.typescript;
        const newest = semver.maxSatisfying(npmJson<string[]>(project, ["view", "typescript", "versions"]), peer);
        assert.strictEqual(versionAt(path.join(project, "node_modules", "typescript")), newest, `the newest TypeScript within ${peer}`);
    });

    it("compiles the user's program with its own tsc against the installed package's and @pulumi/pulumi's types", () => {
        const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
        let listed: string;
        try {
            listed = execFileSync(process.execPath, [tsc, "-p", project, "--listFiles", "--pretty", "false"], { cwd: project, encoding: "utf8" });
        } catch (e) {
            const out = e as { stdout?: string };
            assert.fail(`tsc refused the program:\n${String(out.stdout).split("\n").filter((l) => l.includes("error")).join("\n")}`);
        }
        const read = listed.split("\n").map((l) => l.trim()).filter(Boolean).map((f) => fs.realpathSync(f));
        const installed = fs.realpathSync(path.join(project, "node_modules"));
        assert.ok(read.includes(path.join(installed, PACKAGE, "dist", "provider", "index.d.ts")), "the package's types come from the installed package");
        assert.ok(read.includes(path.join(installed, "@pulumi", "pulumi", "index.d.ts")), "@pulumi/pulumi's types come from the project");
        assert.ok(read.includes(path.join(installed, "typescript", "lib", "lib.es2020.d.ts")), "the standard library comes from the project's TypeScript");
        assert.deepStrictEqual(read.filter((f) => !f.startsWith(fs.realpathSync(project) + path.sep)), [], "nothing read from the repository");
        assert.ok(fs.existsSync(path.join(project, "bin", "index.js")));
    });

    it("up creates the stack through the project's own runtime and dynamic-provider host", async () => {
        const r = await ends(driver.up());
        ok(r);
        assert.deepStrictEqual(plan(r), ["create app", "create app-1.0.0", "create images"]);
        assert.strictEqual(emulator.service.count(), 3);
        assert.deepStrictEqual(r.outputs.versionIds, [[...driver.state.values()].find((s) => s.urn.endsWith("::app-1.0.0"))?.id]);
    });

    it("a second up changes nothing and writes nothing", async () => {
        const at = emulator.requests.length;
        const r = await ends(driver.up());
        ok(r);
        assert.deepStrictEqual(plan(r), ["same app", "same app-1.0.0", "same images"]);
        assert.deepStrictEqual(emulator.writes(at), []);
    });

    it("installs the status command: node_modules/.bin/azure-compute-gallery runs by its shebang, its dependencies installed with it", async () => {
        const bin = path.join(project, "node_modules", ".bin", "azure-compute-gallery");
        const galleryId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/userimages`;
        const env = { ...process.env, NODE_EXTRA_CA_CERTS: emulator.caCertPath, ARM_ENDPOINT: emulator.endpoint, ARM_ACCESS_TOKEN: "t" };
        // Asynchronous: the emulator answers from this process.
        const stdout = await new Promise<string>((resolve, reject) =>
            execFile(bin, ["status", galleryId], { cwd: project, env }, (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out))),
        );
        assert.match(stdout, /^Image definition app: 1 version\n {2}version +provisioning +end of life +excluded +West US\n {2}1\.0\.0 +Succeeded +Completed \*$/m);
    });

    it("a failing up reports Azure's error rather than hanging, and the next up converges", async () => {
        emulator.faults.add({ method: "PUT", path: /\/galleries\/userimages\/images\/app\/versions\/1\.1\.0$/i, action: { kind: "operationFails", message: "the source image is being deleted" }, times: 1 });
        driver.config[`${PROJECT}:versions`] = JSON.stringify(["1.0.0", "1.1.0"]);
        const failed = await ends(driver.up());
        assert.match(String(failed.error), /app-1\.1\.0: .*the source image is being deleted/);

        const again = await ends(driver.up());
        ok(again);
        assert.deepStrictEqual(plan(again), ["same app", "same app-1.0.0", "same images", "update app-1.1.0"]);
        assert.strictEqual(emulator.service.count(), 4);
    });
});
