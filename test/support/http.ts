/** Raw HTTPS to the emulator, for tests that must control every byte of a request. */
import * as https from "https";
import type { ArmEmulator } from "../../emulator/server";
import type { JsonObject, JsonValue } from "../../emulator/json";

export interface RawResponse {
    status: number;
    headers: Record<string, string>;
    body: JsonObject;
}

export const API_VERSION = "2025-03-03";

export interface ArmOptions {
    apiVersion?: string | null;
    token?: string | null;
    query?: Record<string, string>;
}

/** Anything that serves the emulated API: an in-process emulator or a standalone one's endpoint. */
export type Endpoint = Pick<ArmEmulator, "endpoint">;

export function arm(emulator: Endpoint, method: string, path: string, body?: JsonValue, options: ArmOptions = {}): Promise<RawResponse> {
    const url = new URL(path, emulator.endpoint);
    if (options.apiVersion !== null) url.searchParams.set("api-version", options.apiVersion ?? API_VERSION);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    return send(url, method, body, options.token);
}

function send(url: URL, method: string, body: JsonValue | undefined, token: string | null | undefined): Promise<RawResponse> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token !== null) headers.Authorization = `Bearer ${token ?? "test-token"}`;
    if (text) headers["Content-Type"] = "application/json";
    return new Promise((resolve, reject) => {
        const req = https.request(url, { method, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
                const raw = Buffer.concat(chunks).toString("utf8");
                const flat: Record<string, string> = {};
                for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") flat[k] = v;
                resolve({ status: res.statusCode ?? 0, headers: flat, body: raw ? (JSON.parse(raw) as JsonObject) : {} });
            });
        });
        req.on("error", reject);
        if (text) req.write(text);
        req.end();
    });
}

/** `arm` for a request that must succeed (a test's set-up): its answer's body, or a failure naming the answer. */
export async function armOk(emulator: Endpoint, method: string, path: string, body?: JsonValue): Promise<JsonObject> {
    const res = await arm(emulator, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
}

/**
 * `arm`, then, for an accepted long-running operation, polls its `Azure-AsyncOperation` URL as a
 * client would (waiting `Retry-After` seconds between polls, at least 5 ms) until it ends.
 * Returns the first answer and the operation's final status ("Succeeded" when it was synchronous).
 */
export async function armDone(
    emulator: Endpoint,
    method: string,
    path: string,
    body?: JsonValue,
    options: ArmOptions = {},
): Promise<RawResponse & { operation: string }> {
    const first = await arm(emulator, method, path, body, options);
    const monitor = first.headers["azure-asyncoperation"];
    if (first.status >= 300 || !monitor) return { ...first, operation: first.status < 300 ? "Succeeded" : "Refused" };
    let wait = Number(first.headers["retry-after"] ?? "0") * 1000;
    for (;;) {
        await new Promise((r) => setTimeout(r, Math.max(5, wait)));
        const poll = await send(new URL(monitor), "GET", undefined, options.token);
        const status = String(poll.body.status ?? "");
        if (["Succeeded", "Failed", "Canceled"].includes(status)) return { ...first, operation: status };
        wait = Number(poll.headers["retry-after"] ?? "0") * 1000;
    }
}
