/**
 * Registering a gallery resource in a user's program, with Pulumi's real runtime (mocks mode) in a
 * process of its own: the classes skip the stack trace Pulumi's runtime records for each of a
 * resource's promises, unless PULUMI_DEBUG_PROMISE_LEAKS asks for them (runtime/debuggable.ts shows
 * them only then), and what a program relies on is as before.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../../..");

/**
 * A program whose image version waits on a location that never comes, so that its outputs' promises
 * are still pending when it exits: Pulumi's runtime reports them as leaks, with their stack traces
 * under PULUMI_DEBUG_PROMISE_LEAKS. It also makes a gallery without a name, which Pulumi's
 * Resource constructor refuses at once, and prints what it caught.
 */
const PROGRAM = `
const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "project", "stack", false).then(() => {
    const { Gallery, GalleryImageVersion } = require(${JSON.stringify(path.join(ROOT, "dist", "provider"))});
    Error.stackTraceLimit = 25;
    new GalleryImageVersion("version", { resourceGroupName: "rg", galleryName: "g", galleryImageName: "i", galleryImageVersionName: "1.0.0", location: new Promise(() => {}), storageProfile: { source: { id: "x" } } });
    console.log(JSON.stringify({ limitAfter: Error.stackTraceLimit }));
    try {
        new Gallery("", { resourceGroupName: "rg", galleryName: "g", location: "westus" });
    } catch (e) {
        console.log(JSON.stringify({ thrown: e.message, stack: e.stack }));
    }
});
`;

interface Ran {
    printed: Record<string, unknown>;
    stderr: string;
    programFile: string;
}

function run(env: NodeJS.ProcessEnv): Ran {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "registration-"));
    try {
        const programFile = path.join(dir, "program.js");
        fs.writeFileSync(programFile, PROGRAM);
        const { PULUMI_DEBUG_PROMISE_LEAKS: _, ...inherited } = process.env;
        const r = spawnSync(process.execPath, [programFile], { cwd: ROOT, env: { ...inherited, ...env }, encoding: "utf8" });
        const printed = Object.assign({}, ...r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>)) as Record<string, unknown>;
        return { printed, stderr: r.stderr, programFile };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Pulumi's leak reports (debuggable.ts promiseDebugString): each promise's context and stack trace. */
function leakReports(stderr: string): { context: string; stack: string }[] {
    return stderr
        .split("Promise leak detected:\n")
        .slice(1)
        .map((r) => {
            const [context, stack = ""] = r.split("\nSTACK_TRACE:\n");
            return { context, stack };
        });
}

describe("registering a gallery resource in a program", function () {
    this.timeout(60_000);
    let debugging: Ran;
    let plain: Ran;
    before(() => {
        debugging = run({ PULUMI_DEBUG_PROMISE_LEAKS: "1" });
        plain = run({});
    });

    it("keeps the stack traces of its promises when PULUMI_DEBUG_PROMISE_LEAKS asks for them: each output's leak report shows the program's line", () => {
        const { stderr, programFile } = debugging;
        const outputs = leakReports(stderr).filter((r) => r.context.includes("transferProperty(resource:version["));
        // Every input and every value Azure reports is an output (a version has some 20).
        assert.ok(outputs.length >= 15, `leak reports of the version's outputs: ${outputs.length}\n${stderr.slice(0, 2000)}`);
        for (const r of outputs) assert.ok(r.stack.includes(`${programFile}:6:`), `${r.context} shows where the program made the version:\n${r.stack}`);
    });

    it("without it, Pulumi still reports the leak, as it always does", () => {
        const { stderr } = plain;
        assert.match(stderr, /The Pulumi runtime detected that \d+ promises were still active/);
        assert.deepStrictEqual(leakReports(stderr), []);
    });

    it("leaves the program's own Error.stackTraceLimit as it set it", () => {
        for (const r of [plain, debugging]) assert.strictEqual(r.printed.limitAfter, 25);
    });

    it("an error registration throws (Pulumi refuses a resource without a name) shows the program's line", () => {
        for (const { printed, programFile } of [plain, debugging]) {
            assert.strictEqual(printed.thrown, "Missing resource name argument (for URN creation)");
            assert.ok(String(printed.stack).includes(`${programFile}:9:`), String(printed.stack));
        }
    });
});
