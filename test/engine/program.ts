/**
 * Runs a Pulumi program with the real @pulumi/pulumi runtime in mocks mode, in a child process of
 * the engine driver. Each resource registration (type, name, inputs with the real serialized
 * `__provider`, dependencies), and each read of an existing resource (`X.get`, with its id), goes
 * to the driver over IPC; the driver's answer (id and state, or a failure) is what the program
 * sees, just as the engine's answer would be.
 *
 * Env: PROGRAM (module path), PULUMI_PROJECT, PULUMI_STACK, PULUMI_PREVIEW ("true"/"false"), and
 * PULUMI_CONFIG (the runtime's own variable: JSON of "project:key" -> value).
 */
import { createRequire } from "module";
import type * as Pulumi from "@pulumi/pulumi";
import type * as Output from "@pulumi/pulumi/output";
import type * as Rpc from "@pulumi/pulumi/runtime/rpc";
import type * as Settings from "@pulumi/pulumi/runtime/settings";
import { Registration, SecretPath, ToDriver, ToProgram, UNKNOWN } from "./protocol";

// The runtime the program itself loads (its project's @pulumi/pulumi, as `pulumi up` runs it), so
// the mocks, the monitor and the outputs below are the ones its resources use.
const fromProgram = createRequire(String(process.env.PROGRAM));
const pulumi = fromProgram("@pulumi/pulumi") as typeof Pulumi;
const { unknown: UNKNOWN_OUTPUT } = fromProgram("@pulumi/pulumi/output") as typeof Output;
const { specialSigKey, specialSecretSig } = fromProgram("@pulumi/pulumi/runtime/rpc") as typeof Rpc;
// waitForRPCs is internal to the runtime (not in its typings): it resolves once every registration RPC has finished.
const { getMonitor, waitForRPCs } = fromProgram("@pulumi/pulumi/runtime/settings") as typeof Settings & { waitForRPCs(): Promise<void> };

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

async function main(): Promise<void> {
    // A program that throws once some resources are registered has its registrations still going
    // out after main() has failed and disconnected: those go nowhere, as with the engine gone.
    const send = (m: ToDriver) => process.connected && process.send!(m);
    const waiting = new Map<number, (m: ToProgram) => void>();
    process.on("message", (m: ToProgram) => waiting.get(m.seq)?.(m));
    let seq = 0;

    // The mock monitor hands newResource no dependencies: read them from the registration request,
    // which the monitor turns into a newResource call synchronously.
    let current: { request: Omit<Registration, "seq" | "type" | "name" | "inputs" | "custom" | "readId">; reading: boolean } | undefined;
    await pulumi.runtime.setMocks(
        {
            call: () => ({}),
            newResource: async (args) => {
                const registration = current!;
                const mine = ++seq;
                const answer = new Promise<ToProgram>((resolve) => waiting.set(mine, resolve));
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
    const cpu = process.cpuUsage();
    send({ kind: "done", outputs: JSON.parse(JSON.stringify(outputs)) as Record<string, unknown>, cpuMs: (cpu.user + cpu.system) / 1000 });
}

if (require.main === module) {
    // A failed registration rejects the resource's outputs inside the runtime; the driver has the error.
    process.on("unhandledRejection", () => undefined);
    main().then(
        () => process.disconnect(),
        (e: unknown) => {
            process.send!({ kind: "crashed", message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ToDriver);
            process.disconnect();
        },
    );
}
