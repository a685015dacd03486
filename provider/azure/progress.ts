/**
 * Progress for the person running `pulumi up`. Inside Pulumi's dynamic-provider host, the first
 * argument is the engine's address; its Log RPC shows an ephemeral message on the resource's row.
 * Elsewhere (unit tests, scripts) messages go to whoever listens.
 */
import * as path from "path";
import { redact } from "../redaction";

export type Severity = "debug" | "info" | "warning" | "error";
type Listener = (urn: string, message: string, severity: Severity, ephemeral: boolean) => void;

const listeners: Listener[] = [];

export function onProgress(listener: Listener): () => void {
    listeners.push(listener);
    return () => listeners.splice(listeners.indexOf(listener), 1);
}

interface EngineLink {
    log(urn: string, message: string, severity: Severity, ephemeral: boolean): Promise<void>;
}

let engine: EngineLink | null | undefined;

function engineLink(): EngineLink | null {
    if (engine !== undefined) return engine;
    engine = null;
    const main = process.argv[1] ?? "";
    const address = process.argv[2];
    if (!/dynamic-provider/.test(main) || !address) return engine;
    // The host's own grpc-js and stubs, resolved from the @pulumi/pulumi that runs it.
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as typeof import("@grpc/grpc-js");
    const services = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineClient: new (a: string, c: unknown) => { log(req: unknown, cb: (err: unknown) => void): void } };
    const messages = require("@pulumi/pulumi/proto/engine_pb") as {
        LogRequest: new () => { setSeverity(s: number): void; setMessage(m: string): void; setUrn(u: string): void; setEphemeral(e: boolean): void };
        LogSeverity: Record<string, number>;
    };
    const client = new services.EngineClient(address, grpc.credentials.createInsecure());
    engine = {
        log: (urn, message, severity, ephemeral) =>
            new Promise((resolve) => {
                const req = new messages.LogRequest();
                req.setSeverity(messages.LogSeverity[severity.toUpperCase()] ?? messages.LogSeverity.INFO);
                req.setMessage(message);
                req.setUrn(urn);
                req.setEphemeral(ephemeral);
                client.log(req, () => resolve()); // progress is best effort: never fail the operation over it
            }),
    };
    return engine;
}

/** Says a message on the resource's row; no credential an input carries is ever said (redaction.ts). */
export async function report(urn: string | undefined, text: string, severity: Severity = "info", ephemeral = true): Promise<void> {
    const message = redact(text);
    for (const l of listeners) l(urn ?? "", message, severity, ephemeral);
    await engineLink()?.log(urn ?? "", message, severity, ephemeral);
}
