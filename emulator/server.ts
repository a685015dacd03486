/**
 * HTTPS front of the emulated Azure Resource Manager: bearer-token check, api-version, scripted
 * faults, the request log, and JSON in/out. Resource semantics live in service.ts.
 */
import { randomUUID } from "crypto";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import { AddressInfo } from "net";
import { ArmError } from "./armError";
import { issueServerCertificate } from "./cert";
import { ECHO_STYLES, EchoStyle } from "./echo";
import { FaultRule, Faults } from "./faults";
import { JsonObject, JsonValue } from "./json";
import { GalleryService, Timing } from "./service";
import { parseSourceSpec } from "./sources";
import { CLOUDS, Cloud } from "./regions";

/** api-versions of the gallery API whose wire shape this emulator serves (identical for these kinds). */
export const SUPPORTED_API_VERSIONS = ["2024-03-03", "2025-03-03", "2025-12-03"];

export interface EmulatorOptions extends Partial<Timing> {
    /** Port on 127.0.0.1; 0 (default) picks a free one. */
    port?: number;
    /** Folder holding the CA the clients trust; a fresh temporary one when absent. */
    certDir?: string;
    /** Resource groups that exist from the start, as `subscriptionId/name`. */
    resourceGroups?: string[];
    /** How ids and regions come back: as the request wrote them (default) or re-cased as ARM does (echo.ts). */
    echo?: EchoStyle;
    /** The cloud the emulator stands for (regions.ts): the public cloud (default) or Azure Government. */
    cloud?: Cloud;
}

export interface RequestLogEntry {
    method: string;
    path: string;
    query: string;
    status: number;
    durationMs: number;
    at: number;
    /** The bearer token the request carried, so a test can tell which credential a client used. */
    token?: string;
    /** Served (a write applied), but the connection closed before the answer left. */
    lost?: true;
}

export class ArmEmulator {
    readonly faults = new Faults();
    readonly requests: RequestLogEntry[] = [];
    readonly service: GalleryService;
    /** Called as each request is logged (a test can act at a chosen moment, e.g. kill a run). */
    onRequest?: (entry: RequestLogEntry) => void;

    constructor(
        private readonly server: https.Server,
        readonly endpoint: string,
        readonly caCertPath: string,
        timing: Timing,
        echo: EchoStyle,
        cloud: Cloud = "AzureCloud",
    ) {
        this.service = new GalleryService(timing, echo, cloud);
    }

    get timing(): Timing {
        return this.service.timing;
    }

    /** Requests that change something (anything but GET), optionally since a log position. */
    writes(since = 0): RequestLogEntry[] {
        return this.requests.slice(since).filter((r) => r.method !== "GET" && !r.path.startsWith("/__emulator"));
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<ArmEmulator> {
    const certDir = options.certDir ?? path.join(os.tmpdir(), `arm-emulator-${process.pid}-${Date.now()}`);
    const material = await issueServerCertificate(certDir);
    const echo = options.echo ?? "asWritten";
    if (!ECHO_STYLES.includes(echo)) throw new Error(`Unknown echo style '${String(echo)}'; use ${ECHO_STYLES.join(" or ")}.`);
    const cloud = options.cloud ?? "AzureCloud";
    if (!CLOUDS.includes(cloud)) throw new Error(`Unknown cloud '${String(cloud)}'; use ${CLOUDS.join(" or ")}.`);
    const timing: Timing = {
        // Asynchronous by default, as the service is; 0 asks for synchronous answers.
        operationMs: options.operationMs ?? 25,
        replicationMsPerRegion: options.replicationMsPerRegion ?? 0,
        retryAfterSeconds: options.retryAfterSeconds ?? 1,
        pageSize: options.pageSize ?? 100,
    };
    let emulator: ArmEmulator | undefined;
    const server = https.createServer({ key: material.key, cert: material.cert }, (req, res) => {
        void serve(emulator!, req, res);
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    emulator = new ArmEmulator(server, `https://127.0.0.1:${port}`, material.caCertPath, timing, echo, cloud);
    for (const rg of options.resourceGroups ?? []) {
        const [sub, name] = rg.split("/");
        emulator.service.createResourceGroup(sub, name);
    }
    return emulator;
}

function readBody(req: import("http").IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
    });
}

async function serve(emulator: ArmEmulator, req: import("http").IncomingMessage, res: import("http").ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? "/", emulator.endpoint);
    const method = (req.method ?? "GET").toUpperCase();
    const pathname = decodeURIComponent(url.pathname);
    const raw = await readBody(req);
    const log = (status: number, lost?: true) => {
        const token = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? "")?.[1];
        const entry: RequestLogEntry = { method, path: pathname, query: url.search, status, durationMs: Date.now() - started, at: started, token, ...(lost ? { lost } : {}) };
        emulator.requests.push(entry);
        emulator.onRequest?.(entry);
    };
    const send = (status: number, body?: JsonValue, headers: Record<string, string> = {}) => {
        const text = body === undefined ? "" : JSON.stringify(body);
        res.writeHead(status, {
            ...headers,
            ...(text ? { "Content-Type": "application/json; charset=utf-8" } : {}),
            "Content-Length": Buffer.byteLength(text),
            "x-ms-request-id": randomUUID(),
        });
        res.end(text);
        log(status);
    };

    if (pathname.startsWith("/__emulator/")) {
        admin(emulator, method, pathname, raw, send);
        return;
    }

    try {
        const auth = req.headers.authorization;
        if (!auth || !/^Bearer\s+\S+/i.test(auth)) {
            throw new ArmError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        const apiVersion = url.searchParams.get("api-version");
        if (!apiVersion) {
            throw new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!pathname.toLowerCase().includes("/resourcegroups/") || /\/resourcegroups\/[^/]+\/providers\//i.test(pathname)) {
            if (!SUPPORTED_API_VERSIONS.includes(apiVersion) && !/capsoperations/i.test(pathname)) {
                throw new ArmError(
                    400,
                    "NoRegisteredProviderFound",
                    `No registered resource provider found for location and API version '${apiVersion}'. The supported api-versions are '${SUPPORTED_API_VERSIONS.join(", ")}'.`,
                );
            }
        }
        let body: JsonValue | undefined;
        if (raw.length > 0) {
            try {
                body = JSON.parse(raw) as JsonValue;
            } catch {
                throw new ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.");
            }
        }

        const actions = emulator.faults.take(method, pathname);
        for (const a of actions) {
            if (a.kind === "latency") await new Promise((r) => setTimeout(r, a.ms));
        }
        if (actions.some((a) => a.kind === "drop")) {
            log(0);
            req.socket.destroy();
            return;
        }
        const status = actions.find((a) => a.kind === "status");
        if (status && status.kind === "status" && status.applied) {
            emulator.service.nestedDeleteLagMs = emulator.faults.nestedDeleteLagMs;
            emulator.service.handle({ method, path: pathname, query: url.searchParams, body, baseUrl: `${url.protocol}//${req.headers.host ?? url.host}`, faults: actions });
        }
        if (status && status.kind === "status") {
            const code = status.code ?? (status.status === 429 ? "TooManyRequests" : status.status === 503 ? "ServiceUnavailable" : "InternalServerError");
            const headers: Record<string, string> = {};
            if (status.retryAfterSeconds !== undefined || status.status === 429) headers["Retry-After"] = String(status.retryAfterSeconds ?? 1);
            send(status.status, new ArmError(status.status, code, `The service answered ${status.status} (${code}).`).body(), headers);
            return;
        }

        emulator.service.nestedDeleteLagMs = emulator.faults.nestedDeleteLagMs;
        const baseUrl = `${url.protocol}//${req.headers.host ?? url.host}`;
        const out = emulator.service.handle({ method, path: pathname, query: url.searchParams, body, baseUrl, faults: actions });
        if (actions.some((a) => a.kind === "dropAnswer")) {
            log(out.status, true); // applied, but the client never hears of it
            req.socket.destroy();
            return;
        }
        send(out.status, out.body, out.headers);
    } catch (e) {
        if (e instanceof ArmError) {
            send(e.status, e.body(), e.headers);
        } else {
            const message = e instanceof Error ? e.message : String(e);
            send(500, { error: { code: "InternalServerError", message } });
        }
    }
}

/** Plain endpoints for driving a standalone emulator (`npm run emulator`) from another process. */
function admin(emulator: ArmEmulator, method: string, pathname: string, raw: string, send: (s: number, b?: JsonValue) => void): void {
    try {
        const body = raw ? (JSON.parse(raw) as JsonObject) : {};
        if (pathname === "/__emulator/requests" && method === "GET") return send(200, { value: emulator.requests.map((r) => ({ ...r })) });
        if (pathname === "/__emulator/resourceGroups" && method === "POST") {
            emulator.service.createResourceGroup(String(body.subscriptionId), String(body.name), String(body.location ?? "westus"));
            return send(201, {});
        }
        if (pathname === "/__emulator/tenants" && method === "POST") {
            emulator.service.assignTenant(String(body.subscriptionId), String(body.tenantId));
            return send(201, {});
        }
        if (pathname === "/__emulator/sources" && method === "POST") {
            const { id, spec } = parseSourceSpec(body);
            emulator.service.registerSource(id, spec);
            return send(201, {});
        }
        if (pathname === "/__emulator/faults" && method === "POST") {
            const rule = body as unknown as FaultRule & { path?: string };
            emulator.faults.add({ ...rule, path: rule.path ? new RegExp(rule.path, "i") : undefined });
            return send(201, {});
        }
        if (pathname === "/__emulator/faults" && method === "DELETE") {
            emulator.faults.clear();
            return send(200, {});
        }
        send(404, { error: { code: "NotFound", message: `No admin endpoint ${method} ${pathname}` } });
    } catch (e) {
        send(400, { error: { code: "BadRequest", message: e instanceof Error ? e.message : String(e) } });
    }
}
