/**
 * How the emulator writes ids and regions back. "asWritten" (the default) returns ids as the
 * request spelled them; "recased" answers as ARM does for resources it normalises: resource ids
 * with `resourcegroups` and the provider namespace and types in lower case and the resource group
 * and resource names in upper case (e.g. `/subscriptions/…/resourcegroups/MYRG/providers/
 * microsoft.compute/galleries/MYGALLERY`), and every region by its display name ("West US").
 * Clients must compare ids case-insensitively (ARM ids are case-insensitive), which is what this
 * style exercises.
 */
import { JsonObject, JsonValue, isObject } from "./json";
import { displayName } from "./regions";

export type EchoStyle = "asWritten" | "recased";

export const ECHO_STYLES: EchoStyle[] = ["asWritten", "recased"];

const ARM_ID = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)(?:\/providers\/([^/]+)((?:\/[^/]+\/[^/]+)+))?\/?$/i;

/** The id as ARM re-cases it; anything that is not a resource-group-scoped ARM id is returned unchanged. */
export function recaseArmId(id: string): string {
    const m = ARM_ID.exec(id);
    if (!m) return id;
    const [, sub, rg, namespace, rest] = m;
    let out = `/subscriptions/${sub}/resourcegroups/${rg.toUpperCase()}`;
    if (namespace && rest) {
        const parts = rest.split("/").slice(1);
        const pairs = parts.map((p, i) => (i % 2 === 0 ? p.toLowerCase() : p.toUpperCase()));
        out += `/providers/${namespace.toLowerCase()}/${pairs.join("/")}`;
    }
    return out;
}

/** Keys whose value is a region name, and arrays whose items name a region in `name`. */
const REGION_KEYS = new Set(["location", "region"]);
const REGION_LISTS = new Set(["targetRegions", "targetExtendedLocations", "targetLocations"]);

/** The response body as the chosen style writes it. */
export function applyEcho(style: EchoStyle, body: JsonValue | undefined): JsonValue | undefined {
    return style === "recased" && body !== undefined ? recase(body, false) : body;
}

function recase(v: JsonValue, namesRegion: boolean): JsonValue {
    if (typeof v === "string") return recaseArmId(v);
    if (Array.isArray(v)) return v.map((x) => recase(x, namesRegion));
    if (!isObject(v)) return v;
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        // Tags are the caller's own strings; ARM returns them untouched.
        if (k === "tags") {
            out[k] = x;
            continue;
        }
        const region = (REGION_KEYS.has(k) || (namesRegion && k === "name")) && typeof x === "string";
        out[recaseArmId(k)] = region ? displayName(x) ?? x : recase(x, REGION_LISTS.has(k));
    }
    return out;
}
