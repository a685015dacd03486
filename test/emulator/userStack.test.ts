/**
 * What emulator/README.md tells a user to do, done as a user does it: the emulator started as
 * `npm run emulator` starts it, a process of its own with the documented variables; its printed line
 * read for the endpoint and the CA; and a user's own program run through Pulumi's real
 * dynamic-provider host (the engine stand-in) with only the documented settings: the endpoint, a
 * token, the subscription, and the CA in NODE_EXTRA_CA_CERTS. Nothing of this test run's own emulator
 * setup reaches the program or the host.
 */
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import * as readline from "readline";
import { EngineDriver, RunResult } from "../engine/driver";
import { ROOT, managedImage } from "../engine/stacks";

const SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
const RESOURCE_GROUP = "images";
const PROJECT = "user-stack";
/** A user's own program: a gallery, a definition and a version per entry of its `versions` config. */
const PROGRAM = path.join(ROOT, "dist", "test", "packaging", PROJECT, "index.js");
const README = path.join(ROOT, "emulator", "README.md");

/** The command `npm run emulator` runs once it has built the repository: `node <script>`. */
function emulatorScript(): string {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const last = scripts.emulator.split("&&").pop()!.trim();
    const m = /^node (\S+)$/.exec(last);
    assert.ok(m, `npm run emulator ends by running node on a script, not "${last}"`);
    return path.join(ROOT, m[1]);
}

/** The environment of a user's shell: none of this test run's own settings for the emulator or the provider. */
function userEnvironment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const ours = /^(NODE_EXTRA_CA_CERTS|INHERITED_NODE_EXTRA_CA_CERTS|EMULATOR_.*|AZURE_GALLERY_.*|ARM_.*|AZURE_.*)$/;
    return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !ours.test(k))), ...extra };
}

/** The variables a name pattern finds in a text. */
const variables = (text: string, pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((m) => m[0]))].sort();

describe("a user's own stack against the emulator, as emulator/README.md says", function () {
    this.timeout(120_000);
    let child: ChildProcess;
    let certDir: string;
    let printed: { endpoint: string; caCertPath: string };
    let driver: EngineDriver;
    const readme = readFileSync(README, "utf8");

    /** A GET to the emulator, trusting only its own CA. */
    function get(pathAndQuery: string): Promise<{ status: number; body: Record<string, unknown> }> {
        return new Promise((resolve, reject) => {
            const req = https.get(new URL(pathAndQuery, printed.endpoint), { ca: readFileSync(printed.caCertPath), headers: { Authorization: "Bearer emulator" } }, (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown> }));
            });
            req.on("error", reject);
        });
    }

    /** The requests that changed something, from the emulator's request log. */
    async function writes(): Promise<string[]> {
        const log = (await get("/__emulator/requests")).body.value as { method: string; path: string }[];
        return log.filter((r) => r.method !== "GET" && !r.path.startsWith("/__emulator")).map((r) => `${r.method} ${r.path}`);
    }

    const plan = (r: RunResult) => r.steps.map((s) => `${s.op} ${s.urn.split("::").pop()}`).sort();

    before(async () => {
        certDir = mkdtempSync(path.join(os.tmpdir(), "emulator-ca-"));
        child = spawn(process.execPath, [emulatorScript()], {
            cwd: ROOT,
            env: userEnvironment({
                EMULATOR_CERT_DIR: certDir,
                EMULATOR_RESOURCE_GROUPS: `${SUBSCRIPTION}/${RESOURCE_GROUP}`,
                EMULATOR_REPLICATION_MS_PER_REGION: "0",
            }),
            stdio: ["ignore", "pipe", "inherit"],
        });
        const line = await new Promise<string>((resolve, reject) => {
            readline.createInterface({ input: child.stdout! }).once("line", resolve);
            child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before printing its line`)));
        });
        printed = JSON.parse(line) as { endpoint: string; caCertPath: string };
        driver = new EngineDriver({
            program: PROGRAM,
            project: PROJECT,
            cwd: ROOT,
            // A new program process each run, as the CLI starts one: nothing kept from an earlier run.
            freshProgram: true,
            // The host and the program inherit this test's environment otherwise: what the user's shell
            // does not have is taken out.
            env: {
                ...Object.fromEntries(Object.keys(process.env).filter((k) => !(k in userEnvironment({}))).map((k) => [k, undefined])),
                NODE_EXTRA_CA_CERTS: printed.caCertPath,
                ARM_ENDPOINT: printed.endpoint,
                ARM_ACCESS_TOKEN: "emulator",
                ARM_SUBSCRIPTION_ID: SUBSCRIPTION,
            },
            // The program's own config, as `pulumi config set` would hold it.
            config: {
                [`${PROJECT}:resourceGroupName`]: RESOURCE_GROUP,
                [`${PROJECT}:managedImageId`]: managedImage("build-1"),
                [`${PROJECT}:versions`]: JSON.stringify(["1.0.0"]),
            },
        });
    });

    after(async () => {
        if (child && child.exitCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM");
            await exited;
        }
        if (certDir) rmSync(certDir, { recursive: true, force: true });
    });

    it("the README names every setting used here, and every variable the emulator reads", () => {
        for (const name of ["npm run emulator", "NODE_EXTRA_CA_CERTS", "ARM_ENDPOINT", "ARM_ACCESS_TOKEN", "ARM_SUBSCRIPTION_ID", "pulumi login --local", "ca.pem"]) {
            assert.ok(readme.includes(name), `emulator/README.md names ${name}`);
        }
        const read = variables(readFileSync(path.join(ROOT, "emulator", "main.ts"), "utf8"), /\bEMULATOR_[A-Z_]+\b/g);
        assert.ok(read.length >= 8, `emulator/main.ts reads ${read.join(", ")}`);
        assert.deepStrictEqual(read.filter((v) => !readme.includes(`\`${v}\``)), [], "each variable emulator/main.ts reads is in the README");
    });

    it("prints its endpoint and the CA it made in EMULATOR_CERT_DIR", () => {
        assert.match(printed.endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
        assert.strictEqual(printed.caCertPath, path.join(certDir, "ca.pem"));
    });

    it("an up of the user's program creates the gallery, the definition and the version in it", async () => {
        const r = await driver.up();
        assert.strictEqual(r.error, undefined, r.error);
        assert.deepStrictEqual(plan(r), ["create app", "create app-1.0.0", "create images"]);
        const version = await get(`/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/userimages/images/app/versions/1.0.0?api-version=2025-03-03`);
        assert.strictEqual(version.status, 200);
        assert.strictEqual((version.body.properties as { provisioningState?: string }).provisioningState, "Succeeded");
        assert.deepStrictEqual(r.outputs.versionIds, [version.body.id]);
    });

    it("a second up plans nothing and sends nothing", async () => {
        const before = await writes();
        const r = await driver.up();
        assert.strictEqual(r.error, undefined, r.error);
        assert.deepStrictEqual(plan(r), ["same app", "same app-1.0.0", "same images"]);
        assert.deepStrictEqual(await writes(), before);
    });
});
