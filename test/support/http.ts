/** Raw HTTPS to the emulator, for tests that must control every byte of a request. */
import * as https from "https";
import type { ArmEmulator } from "../emulator/server";
import type { JsonObject, JsonValue } from "../emulator/json";

export interface RawResponse {
    status: number;
    headers: Record<string, string>;
    body: JsonObject;
}

export const API_VERSION = "2025-03-03";

export function arm(
    emulator: ArmEmulator,
    method: string,
    path: string,
    body?: JsonValue,
    options: { apiVersion?: string | null; token?: string | null; query?: Record<string, string> } = {},
): Promise<RawResponse> {
    const url = new URL(path, emulator.endpoint);
    if (options.apiVersion !== null) url.searchParams.set("api-version", options.apiVersion ?? API_VERSION);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? "test-token"}`;
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
