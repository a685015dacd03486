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
 * Resource constructor refuses at once, a gallery and a read the engine (the mocks) refuses, a
 * gallery whose transformation throws and one whose parent is not a resource, and prints what it caught.
 */
const PROGRAM = `
const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});
pulumi.runtime.setMocks({ newResource: (a) => { if (a.name.startsWith("refused")) throw new Error("refused by the engine"); return { id: a.name, state: a.inputs }; }, call: () => ({}) }, "project", "stack", false).then(() => {
    const { Gallery, GalleryImageVersion } = require(${JSON.stringify(path.join(ROOT, "dist", "provider"))});
    Error.stackTraceLimit = 25;
    new GalleryImageVersion("version", { resourceGroupName: "rg", galleryName: "g", galleryImageName: "i", galleryImageVersionName: "1.0.0", location: new Promise(() => {}), storageProfile: { source: { id: "x" } } });
    console.log(JSON.stringify({ limitAfter: Error.stackTraceLimit }));
    try {
        new Gallery("", { resourceGroupName: "rg", galleryName: "g", location: "westus" });
    } catch (e) {
        console.log(JSON.stringify({ thrown: e.message, stack: e.stack }));
    }
    new Gallery("refused", { resourceGroupName: "rg", galleryName: "g", location: "westus" });
    Gallery.get("refused-read", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g");
    try {
        new Gallery("transformed", { resourceGroupName: "rg", galleryName: "g", location: "westus" }, { transformations: [() => {
            throw new Error("a transformation refused it");
        }] });
    } catch (e) {
        console.log(JSON.stringify({ transformation: e.stack }));
    }
    try {
        new Gallery("orphan", { resourceGroupName: "rg", galleryName: "g", location: "westus" }, { parent: {} });
    } catch (e) {
        console.log(JSON.stringify({ badParent: e.message }));
    }
});
// What the runtime's run script prints of an error the engine answered (cmd/run: the error, stack and all).
const rejected = {};
process.on("unhandledRejection", (e) => { rejected[e.message] = e.stack; });
// The stack traces the runtime took for the version's promises, before its own exit handler reports them.
const { getStore } = require(${JSON.stringify(require.resolve("@pulumi/pulumi/runtime/state"))});
process.on("exit", () => {
    const stacks = [...getStore().leakCandidates].filter((p) => String(p._debugCtx).includes("transferProperty(resource:version[")).map((p) => p._debugStackTrace);
    console.log(JSON.stringify({ rejected, promiseStacks: stacks }));
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

    it("without it, Pulumi still reports what never finished, without a stack trace for each promise", () => {
        const { stderr } = plain;
        // Its words vary by release ("… N promises were still active", and since 3.249 "… the
        // program exited before the following resource registrations could complete").
        assert.match(stderr, /The Pulumi runtime detected that/);
        assert.deepStrictEqual(leakReports(stderr), []);
    });

    it("without it, the runtime takes no stack trace for the promises of a resource's outputs", () => {
        const stacks = plain.printed.promiseStacks as string[];
        assert.ok(stacks.length >= 15, `the version's output promises: ${stacks.length}`);
        assert.deepStrictEqual(stacks.filter((s) => s.includes("\n    at ")), []);
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

    // The runtime makes the error it reports when the engine refuses a registration or a read inside
    // the constructor, so that its stack leads to the program (preallocError, runtime/resource.ts).
    it("an error the engine answers later, to a registration or a read, shows the program's line", () => {
        for (const { printed, programFile } of [plain, debugging]) {
            const rejected = printed.rejected as Record<string, string>;
            const registered = rejected["failed to register new resource refused [pulumi-nodejs:dynamic/azure-compute-gallery:Gallery]: refused by the engine"];
            assert.ok(String(registered).includes(`${programFile}:13:`), String(registered));
            const read = Object.entries(rejected).find(([m]) => m.startsWith("failed to read resource") && m.includes("'refused-read'"));
            assert.ok(read?.[1].includes(`${programFile}:14:`), JSON.stringify(rejected, null, 1));
        }
    });

    it("a parent that is not a resource gets Pulumi's own refusal, and nothing else goes wrong", () => {
        for (const { printed } of [plain, debugging]) {
            assert.match(String(printed.badParent), /Resource parent is not a valid Resource/);
            assert.deepStrictEqual(Object.keys(printed.rejected as object).filter((m) => !m.includes("refused")), []);
        }
    });

    it("a transformation is the program's code: an error it throws shows its own line", () => {
        for (const { printed, programFile } of [plain, debugging]) assert.ok(String(printed.transformation).includes(`${programFile}:17:`), String(printed.transformation));
    });
});
