/**
 * Pulumi's real dynamic-provider host, started and spoken to as the engine does: a child process
 * `node …/cmd/dynamic-provider <engine address>` that prints its port, answered over gRPC with the
 * stubs that ship with @pulumi/pulumi. The engine's own `Engine` service (its Log RPC) is served at
 * the address the host is given, so the progress messages a user would see are recorded here.
 */
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import { createInterface } from "readline";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";

export type Props = Record<string, unknown>;

export interface LogEntry {
    urn: string;
    message: string;
    severity: string;
    ephemeral: boolean;
    at: number;
}

export interface DiffResult {
    changes: "some" | "none" | "unknown";
    replaces: string[];
    deleteBeforeReplace: boolean;
}

export interface CheckFailure {
    property: string;
    reason: string;
}

/** A failed call, with the state Azure left behind when the provider reported one. */
export class HostError extends Error {
    constructor(
        message: string,
        readonly partial?: { id: string; properties: Props },
    ) {
        super(message);
    }
}

/**
 * The host of the @pulumi/pulumi that the program's project installed: the CLI's plugin script
 * (`pulumi-resource-pulumi-nodejs`) runs `require.resolve('@pulumi/pulumi/cmd/dynamic-provider')`
 * in the program's directory.
 */
function hostIn(cwd: string): string {
    return require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [cwd] });
}

const SEVERITY = Object.fromEntries(Object.entries(engineProto.LogSeverity).map(([k, v]) => [v, k.toLowerCase()]));

/** Struct.fromJavaScript refuses `undefined`; the engine never sends it. */
function struct(props: Props): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)) as Record<string, never>);
}

function plain(s: Struct | undefined): Props {
    return (s?.toJavaScript() ?? {}) as Props;
}

/** The details the host packs into a failed Create/Update when the resource exists after all. */
function partialState(err: grpc.ServiceError): { id: string; properties: Props } | undefined {
    const bin = err.metadata?.get("grpc-status-details-bin")[0];
    if (!Buffer.isBuffer(bin)) return undefined;
    for (const any of Status.deserializeBinary(bin).getDetailsList()) {
        const detail = any.unpack(providerProto.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
        if (detail) return { id: detail.getId(), properties: plain(detail.getProperties()) };
    }
    return undefined;
}

export class ProviderHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: providerRpc.ResourceProviderClient,
        private readonly engine: grpc.Server,
        /** What the provider sent to the engine's Log RPC, in arrival order. */
        readonly logs: LogEntry[],
        /** What the host process printed on stderr (passed through as well), as the CLI would show it. */
        readonly stderr: string[],
    ) {}

    /** Starts the Engine service, then the host pointed at it, as `pulumi up` does for a program's dynamic resources. */
    static async start(opts: { cwd: string; project: string; env?: NodeJS.ProcessEnv; onLog?: (entry: LogEntry) => void }): Promise<ProviderHost> {
        const logs: LogEntry[] = [];
        const engine = new grpc.Server();
        const unimplemented = (_call: unknown, cb: grpc.sendUnaryData<never>) => cb({ code: grpc.status.UNIMPLEMENTED } as grpc.ServiceError, null);
        engine.addService(engineRpc.EngineService, {
            log: (call: grpc.ServerUnaryCall<engineProto.LogRequest, Empty>, cb: grpc.sendUnaryData<Empty>) => {
                const r = call.request;
                const entry = { urn: r.getUrn(), message: r.getMessage(), severity: String(SEVERITY[r.getSeverity()]), ephemeral: r.getEphemeral(), at: Date.now() };
                logs.push(entry);
                opts.onLog?.(entry);
                cb(null, new Empty());
            },
            getRootResource: unimplemented,
            setRootResource: unimplemented,
            startDebugging: unimplemented,
            requirePulumiVersion: unimplemented,
        });
        const enginePort = await new Promise<number>((resolve, reject) =>
            engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, port) => (e ? reject(e) : resolve(port))),
        );
        const child = spawn(process.execPath, [hostIn(opts.cwd), `127.0.0.1:${enginePort}`], {
            cwd: opts.cwd,
            env: { ...process.env, ...opts.env, PULUMI_NODEJS_PROJECT: opts.project },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const stderr: string[] = [];
        child.stderr!.on("data", (chunk: Buffer) => {
            stderr.push(chunk.toString("utf8"));
            process.stderr.write(chunk);
        });
        const port = await new Promise<string>((resolve, reject) => {
            const lines = createInterface({ input: child.stdout! });
            lines.once("line", (l) => resolve(l.trim()));
            child.once("exit", (code) => reject(new Error(`the dynamic-provider host exited with ${code} before printing its port`)));
        });
        const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new ProviderHost(child, client, engine, logs, stderr);
    }

    private call<Req, Res>(method: (req: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => unknown, req: Req): Promise<Res> {
        return new Promise((resolve, reject) =>
            method.call(this.client, req, (e: grpc.ServiceError | null, r: Res) => (e ? reject(new HostError(e.details || e.message, partialState(e))) : resolve(r))),
        );
    }

    /** The engine's first call: the whole stack config, secrets decrypted. */
    async configure(config: Record<string, string>): Promise<void> {
        const req = new providerProto.ConfigureRequest();
        req.setArgs(struct(config));
        for (const [k, v] of Object.entries(config)) req.getVariablesMap().set(k, v);
        await this.call(this.client.configure, req);
    }

    async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }> {
        const req = new providerProto.CheckRequest();
        req.setUrn(urn);
        req.setOlds(struct(olds));
        req.setNews(struct(news));
        const res = await this.call<providerProto.CheckRequest, providerProto.CheckResponse>(this.client.check, req);
        return { inputs: plain(res.getInputs()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    }

    async diff(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<DiffResult> {
        const req = new providerProto.DiffRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setOlds(struct(olds));
        req.setNews(struct(news));
        req.setOldInputs(struct(oldInputs));
        const res = await this.call<providerProto.DiffRequest, providerProto.DiffResponse>(this.client.diff, req);
        const C = providerProto.DiffResponse.DiffChanges;
        return {
            changes: res.getChanges() === C.DIFF_SOME ? "some" : res.getChanges() === C.DIFF_NONE ? "none" : "unknown",
            replaces: res.getReplacesList(),
            deleteBeforeReplace: res.getDeletebeforereplace(),
        };
    }

    async create(urn: string, props: Props): Promise<{ id: string; outputs: Props }> {
        const req = new providerProto.CreateRequest();
        req.setUrn(urn);
        req.setProperties(struct(props));
        const res = await this.call<providerProto.CreateRequest, providerProto.CreateResponse>(this.client.create, req);
        return { id: res.getId(), outputs: plain(res.getProperties()) };
    }

    async read(urn: string, id: string, props: Props, inputs: Props): Promise<{ id: string; outputs: Props; inputs: Props }> {
        const req = new providerProto.ReadRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setProperties(struct(props));
        req.setInputs(struct(inputs));
        const res = await this.call<providerProto.ReadRequest, providerProto.ReadResponse>(this.client.read, req);
        return { id: res.getId(), outputs: plain(res.getProperties()), inputs: plain(res.getInputs()) };
    }

    async update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<Props> {
        const req = new providerProto.UpdateRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setOlds(struct(olds));
        req.setNews(struct(news));
        req.setOldInputs(struct(oldInputs));
        const res = await this.call<providerProto.UpdateRequest, providerProto.UpdateResponse>(this.client.update, req);
        return plain(res.getProperties());
    }

    async delete(urn: string, id: string, props: Props): Promise<void> {
        const req = new providerProto.DeleteRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setProperties(struct(props));
        await this.call(this.client.delete, req);
    }

    /** The host's process id (the benchmark reads its memory). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** Kills the host at once, mid-call, as a killed CLI takes its plugins down. */
    kill(): void {
        this.child.kill("SIGKILL");
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null && this.child.signalCode === null) {
            const exited = new Promise((r) => this.child.once("exit", r));
            this.child.kill();
            await exited;
        }
        await new Promise<void>((r) => this.engine.tryShutdown(() => r()));
    }
}
