/**
 * Runs Pulumi programs with the real @pulumi/pulumi runtime in mocks mode, in a child process of
 * the engine driver, one run after another: the driver sends `run` (the run's environment), and the
 * process answers `done` or `crashed`, then waits for the next. Between runs every module loaded
 * from outside node_modules (the program, its own files, this package) is dropped, so each run loads
 * them afresh as a new process would; the runtime and the packages it loaded stay, which is where a
 * new process spends its time. Each resource registration (type, name, inputs with the real serialized
 * `__provider`, dependencies), and each read of an existing resource (`X.get`, with its id), goes
 * to the driver over IPC; the driver's answer (id and state, or a failure) is what the program
 * sees, just as the engine's answer would be.
 *
 * A run ends as a program under `pulumi up` does: when nothing is left to do (Node.js's
 * `beforeExit`, which the runtime's own run script waits for before it signals shutdown), not when
 * the stack outputs are known, so a resource the program makes in an apply after some other wait (a
 * read from Azure, a timer) is part of its run, never of the next run in this process. What is left
 * unsettled then fails the run, as the runtime's leak detector fails a program at its exit.
 *
 * A run's env: PROGRAM (module path), PULUMI_PROJECT, PULUMI_STACK, PULUMI_PREVIEW ("true"/"false"),
 * and PULUMI_CONFIG (the runtime's own variable: JSON of "project:key" -> value). The process starts
 * with the first run's env, which names the program whose @pulumi/pulumi every later run shares.
 */
import { createRequire } from "module";
import * as path from "path";
import type * as Pulumi from "@pulumi/pulumi";
import type * as Output from "@pulumi/pulumi/output";
import type * as Rpc from "@pulumi/pulumi/runtime/rpc";
import type * as Settings from "@pulumi/pulumi/runtime/settings";
import type * as State from "@pulumi/pulumi/runtime/state";
import { Answer, Registration, SecretPath, ToDriver, ToProgram, UNKNOWN } from "./protocol";

// The runtime the program itself loads (its project's @pulumi/pulumi, as `pulumi up` runs it), so
// the mocks, the monitor and the outputs below are the ones its resources use.
const fromProgram = createRequire(String(process.env.PROGRAM));
const pulumi = fromProgram("@pulumi/pulumi") as typeof Pulumi;
const { unknown: UNKNOWN_OUTPUT } = fromProgram("@pulumi/pulumi/output") as typeof Output;
const { specialSigKey, specialSecretSig } = fromProgram("@pulumi/pulumi/runtime/rpc") as typeof Rpc;
// waitForRPCs is internal to the runtime (not in its typings): it resolves once every registration RPC has finished.
const { getMonitor, waitForRPCs } = fromProgram("@pulumi/pulumi/runtime/settings") as typeof Settings & { waitForRPCs(): Promise<void> };
// getStore is internal to the runtime (not in its typings): the store that holds its config.
const { getStore } = fromProgram("@pulumi/pulumi/runtime/state") as typeof State & { getStore(): { config: Record<string, string> } };
// leakedPromises and log's error count are internal too: what the runtime's exit handler checks (runtime/debuggable.js).
const { leakedPromises } = fromProgram("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): [Set<Promise<unknown>>, string] };
const { hasErrors } = fromProgram("@pulumi/pulumi/log") as typeof Pulumi.log;
const CONFIG_ENV_KEYS = ["PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS"] as const;

/** What the engine sends a provider: unknowns as the sentinel string, secrets unwrapped. */
function forEngine(v: unknown): unknown {
    if (v === UNKNOWN_OUTPUT) return UNKNOWN;
    if (Array.isArray(v)) return v.map(forEngine);
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (specialSigKey in o) return forEngine(o.value);
        return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined).map(([k, x]) => [k, forEngine(x)]));
    }
    return v;
}

/**
 * Where the serialized properties hold secrets, however deep, as the engine receives them (the
 * runtime's own deserializer, which the mocks use, lifts a nested secret to its top-level property).
 */
function secretPathsOf(v: unknown, at: SecretPath = [], out: SecretPath[] = []): SecretPath[] {
    if (Array.isArray(v)) v.forEach((x, i) => secretPathsOf(x, [...at, i], out));
    else if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[specialSigKey] === specialSecretSig) out.push(at);
        else for (const [k, x] of Object.entries(o)) secretPathsOf(x, [...at, k], out);
    }
    return out;
}

interface PendingRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getAdditionalsecretoutputsList(): string[];
}

interface RegisterRequest extends PendingRequest {
    getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
    getObject(): { toJavaScript(): unknown } | undefined;
}

interface ReadRequest extends PendingRequest {
    getProperties(): { toJavaScript(): unknown } | undefined;
}

// A program that throws once some resources are registered has its registrations still going out
// after the run has failed: those go nowhere, as with the engine gone (the driver starts the next
// run in a new process).
const send = (m: ToDriver) => process.connected && process.send!(m);
const waiting = new Map<number, (m: Answer) => void>();
let seq = 0;
/** Registrations sent and answered, all runs together: a run has ended once this stops moving. */
let exchanged = 0;
/**
 * Between runs the IPC channel keeps this process waiting for the next; during a run it does so only
 * while the driver owes an answer, so that, as in a process of its own, the program's own work
 * (timers, sockets, answers owed) decides when the run is over.
 */
let running = false;
const holdOpen = () => {
    const channel = process.channel as { ref(): void; unref(): void } | undefined;
    if (running && waiting.size === 0) channel?.unref();
    else channel?.ref();
};

/** The modules a new process has before any program runs: the runtime, and this runner. */
const baseline = new Set(Object.keys(require.cache));
const inNodeModules = (file: string) => file.split(path.sep).includes("node_modules");

/** Drops what the last run loaded from outside node_modules, and gives this run its environment and config. */
function freshRun(env: NodeJS.ProcessEnv): void {
    for (const file of Object.keys(require.cache)) if (!baseline.has(file) && !inNodeModules(file)) delete require.cache[file];
    for (const k of Object.keys(process.env)) if (env[k] === undefined) delete process.env[k];
    for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
    // The runtime reads its config from these variables once, when its store is made.
    getStore().config = Object.fromEntries(CONFIG_ENV_KEYS.map((k) => [k, process.env[k] ?? ""]));
}

/** One run of the program named in the environment: resolves with its stack outputs. */
async function run(): Promise<Record<string, unknown>> {
    // The mock monitor hands newResource no dependencies: read them from the registration request,
    // which the monitor turns into a newResource call synchronously.
    let current: { request: Omit<Registration, "seq" | "type" | "name" | "inputs" | "custom" | "readId">; reading: boolean } | undefined;
    await pulumi.runtime.setMocks(
        {
            call: () => ({}),
            newResource: async (args) => {
                const registration = current!;
                const mine = ++seq;
                const answer = new Promise<Answer>((resolve) => waiting.set(mine, resolve));
                exchanged++;
                holdOpen();
                // The mock monitor passes a read's id (ReadResource) as `id`; a registration's import id is empty.
                const readId = registration.reading ? args.id : undefined;
                send({
                    kind: "register",
                    registration: {
                        seq: mine,
                        type: args.type,
                        name: args.name,
                        inputs: forEngine(args.inputs) as Record<string, unknown>,
                        // False for a component resource (the registration's `custom`).
                        custom: args.custom !== false,
                        ...registration.request,
                        ...(readId !== undefined ? { readId } : {}),
                    },
                });
                const m = await answer;
                waiting.delete(mine);
                exchanged++;
                holdOpen();
                if (!m.ok) throw new Error(m.message);
                return { id: m.id, state: m.state };
            },
        },
        process.env.PULUMI_PROJECT,
        process.env.PULUMI_STACK,
        process.env.PULUMI_PREVIEW === "true",
    );
    const monitor = getMonitor() as unknown as {
        registerResource(req: RegisterRequest, cb: unknown): Promise<void>;
        readResource(req: ReadRequest, cb: unknown): Promise<void>;
        newUrn(parent: string, type: string, name: string): string;
    };
    const urnOf = (req: PendingRequest) => monitor.newUrn(req.getParent(), req.getType(), req.getName());
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v, k) => (propertyDependencies[k] = v.getUrnsList()));
        current = {
            request: {
                urn: urnOf(req),
                ...(req.getParent() ? { parent: req.getParent() } : {}),
                dependencies: req.getDependenciesList(),
                propertyDependencies,
                secretPaths: secretPathsOf(req.getObject()?.toJavaScript()),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            },
            reading: false,
        };
        return register(req, cb);
    };
    // A resource with `opts.id` (`X.get`) is read, not registered: ReadResource carries no property dependencies.
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req, cb) => {
        current = {
            request: {
                urn: urnOf(req),
                ...(req.getParent() ? { parent: req.getParent() } : {}),
                dependencies: req.getDependenciesList(),
                propertyDependencies: {},
                secretPaths: secretPathsOf(req.getProperties()?.toJavaScript()),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            },
            reading: true,
        };
        return read(req, cb);
    };

    const program = require(String(process.env.PROGRAM)) as Record<string, unknown>;
    await waitForRPCs();
    const outputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(program)) {
        const o = pulumi.output(v) as unknown as { isKnown: Promise<boolean>; promise(): Promise<unknown> };
        outputs[k] = (await o.isKnown) ? await o.promise() : UNKNOWN;
    }
    return JSON.parse(JSON.stringify(outputs)) as Record<string, unknown>;
}

if (require.main === module) {
    // A failed registration rejects the resource's outputs inside the runtime; the driver has the error.
    process.on("unhandledRejection", () => undefined);
    // The driver gone (its process ended): so is this one.
    process.on("disconnect", () => process.exit(0));
    /** CPU time since the last run ended (for the first run, since the process started). */
    let cpuAt = { user: 0, system: 0 };
    const cpuSince = () => {
        const used = process.cpuUsage(cpuAt);
        cpuAt = process.cpuUsage();
        return (used.user + used.system) / 1000;
    };
    const crashed = (e: unknown) => send({ kind: "crashed", message: e instanceof Error ? (e.stack ?? e.message) : String(e), cpuMs: cpuSince() });
    process.on("message", (m: ToProgram) => {
        if (m.kind === "answer") return waiting.get(m.seq)?.(m);
        freshRun(m.env);
        running = true;
        holdOpen();
        let outputs: Record<string, unknown> | undefined;
        let seen = -1;
        const end = () => {
            process.off("beforeExit", quiet);
            running = false;
            holdOpen();
        };
        // Nothing left to do: looked at twice with nothing exchanged in between, so that what a
        // beforeExit handler of the program starts has its turn (as the runtime's run script does).
        const quiet = () => {
            if (seen !== exchanged) {
                seen = exchanged;
                setImmediate(() => undefined);
                return;
            }
            end();
            // Outputs never known, or runtime promises never settled: the runtime's exit handler
            // fails such a program (exit code 1) unless it has logged an error.
            const [leaks, message] = leakedPromises();
            if (outputs && (leaks.size === 0 || hasErrors())) send({ kind: "done", outputs, cpuMs: cpuSince() });
            else crashed(new Error(message || "the program ended before its stack outputs were known"));
        };
        process.on("beforeExit", quiet);
        run().then(
            (o) => (outputs = o),
            (e: unknown) => {
                // A program that throws fails at once; the driver ends its process.
                end();
                crashed(e);
            },
        );
    });
}
