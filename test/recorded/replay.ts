/**
 * A local HTTPS stand-in for Azure Resource Manager that answers with an official example's recorded
 * responses and nothing else: one resource, GET (404 until created), PUT (sync or async), the
 * operation poll. Every request is logged, so tests can see what the provider asked and when.
 */
import { randomUUID } from "crypto";
import * as https from "https";
import type { IncomingMessage, ServerResponse } from "http";
import { AddressInfo } from "net";
import { issueServerCertificate } from "../../emulator/cert";
import { JsonObject, JsonValue } from "../../emulator/json";

/** What the server answers for one resource. */
export interface Scenario {
    /** The path the SDK addresses the resource at (compared without case, as ARM does). */
    resourcePath: string;
    /** The PUT's status and body; async answers carry Azure-AsyncOperation/Location and the resource is "Creating" until polled. */
    put: { status: number; body: JsonObject; async: boolean };
    /** What GET answers once the resource exists and its operation has finished. */
    get: JsonObject;
}

export interface LoggedRequest {
    method: string;
    path: string;
    query: string;
    status: number;
    /** The parsed request body, for PUT. */
    body?: JsonValue;
    /** True when the request was none the scenario expects. */
    unexpected: boolean;
}

export class ReplayServer {
    readonly requests: LoggedRequest[] = [];
    private scenario: Scenario | undefined;
    private created = false;
    private operationDone = false;

    constructor(
        private readonly server: https.Server,
        readonly endpoint: string,
    ) {}

    /** Starts a fresh scenario: the resource does not exist yet. */
    load(scenario: Scenario): void {
        this.scenario = scenario;
        this.created = false;
        this.operationDone = false;
    }

    /** Requests since a log position. */
    since(position: number): LoggedRequest[] {
        return this.requests.slice(position);
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    /** Decides the answer to one request; the caller logs and sends it. */
    answer(method: string, pathname: string, query: URLSearchParams, baseUrl: string): { status: number; body?: JsonValue; headers?: Record<string, string>; unexpected?: boolean } {
        const s = this.scenario;
        if (!s) return unexpected("no scenario loaded");
        const isResource = pathname.toLowerCase() === s.resourcePath.toLowerCase();
        if (isResource && method === "GET") {
            if (!this.created) return notFound(s.resourcePath);
            return { status: 200, body: this.operationDone ? s.get : s.put.body };
        }
        if (isResource && method === "PUT") {
            this.created = true;
            this.operationDone = !s.put.async;
            if (!s.put.async) return { status: s.put.status, body: s.put.body };
            const operation = `${baseUrl}${subscriptionPrefix(s.resourcePath)}/providers/Microsoft.Compute/locations/westus/capsOperations/${randomUUID()}?p=${randomUUID()}&api-version=${query.get("api-version") ?? ""}`;
            return {
                status: s.put.status,
                body: s.put.body,
                headers: { "Azure-AsyncOperation": operation, Location: `${operation}&monitor=true`, "Retry-After": "0" },
            };
        }
        if (method === "GET" && /\/capsOperations\//i.test(pathname) && this.created) {
            this.operationDone = true;
            const now = new Date().toISOString();
            return { status: 200, body: { startTime: now, endTime: now, status: "Succeeded", name: pathname.split("/").pop() ?? "" } };
        }
        return unexpected(`${method} ${pathname} is not part of this recorded exchange`);
    }
}

function subscriptionPrefix(resourcePath: string): string {
    return resourcePath.split("/").slice(0, 3).join("/");
}

/** ARM's answer for a resource that does not exist. */
function notFound(resourcePath: string): { status: number; body: JsonValue } {
    const parts = resourcePath.split("/");
    const rg = parts[4] ?? "";
    // ARM names the resource from its provider namespace on: Microsoft.Compute/galleries/{name}/…
    const type = parts.slice(6).join("/");
    return {
        status: 404,
        body: {
            error: {
                code: "ResourceNotFound",
                message: `The Resource '${type}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFound`,
            },
        },
    };
}

function unexpected(message: string): { status: number; body: JsonValue; unexpected: true } {
    return { status: 400, body: { error: { code: "UnexpectedRequest", message } }, unexpected: true };
}

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
    });
}

async function serve(replay: ReplayServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", replay.endpoint);
    const method = (req.method ?? "GET").toUpperCase();
    const pathname = decodeURIComponent(url.pathname);
    const raw = await readBody(req);
    const auth = req.headers.authorization;
    const out = !auth || !/^Bearer\s+\S+/i.test(auth)
        ? { status: 401, body: { error: { code: "AuthenticationFailed", message: "The 'Authorization' header is missing." } } as JsonValue, unexpected: true }
        : replay.answer(method, pathname, url.searchParams, `${url.protocol}//${req.headers.host ?? url.host}`);
    let body: JsonValue | undefined;
    try {
        body = raw ? (JSON.parse(raw) as JsonValue) : undefined;
    } catch {
        body = raw;
    }
    replay.requests.push({ method, path: pathname, query: url.search, status: out.status, body, unexpected: out.unexpected === true });
    const text = out.body === undefined ? "" : JSON.stringify(out.body);
    res.writeHead(out.status, {
        ...("headers" in out ? out.headers : {}),
        ...(text ? { "Content-Type": "application/json; charset=utf-8" } : {}),
        "Content-Length": Buffer.byteLength(text),
        "x-ms-request-id": randomUUID(),
    });
    res.end(text);
}

/** Starts the server on a free loopback port, with a certificate from the CA in `certDir`. */
export async function startReplay(certDir: string): Promise<ReplayServer> {
    const material = await issueServerCertificate(certDir);
    let replay: ReplayServer | undefined;
    const server = https.createServer({ key: material.key, cert: material.cert }, (req, res) => void serve(replay!, req, res));
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
    });
    replay = new ReplayServer(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return replay;
}
