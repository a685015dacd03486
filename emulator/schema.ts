/**
 * The request bodies' shapes, read from the vendored REST spec (azure-spec): a member the
 * body's type does not declare is refused the way ARM services built on a strict JSON binder
 * refuse it — 400 `InvalidRequestContent`, "The request content was invalid and could not be
 * deserialized: 'Could not find member 'x' on object of type 'T'. Path 'p'…'" (the shape quoted in
 * Azure/azure-cli#26796). Member names match case-insensitively, as that binder matches them, and
 * come back in the spec's spelling so the rest of the emulator reads one spelling.
 *
 * Read-only members (id, name, type, provisioningState, identity.principalId…) are declared
 * members, so they bind and are ignored rather than refused: ARM asks that a PUT body be the same
 * schema as the 200 answer "to allow reusing the response as a request to another PUT operation"
 * (RPC-Put-V1-25, Azure/azure-openapi-validator docs/put-request-response-scheme-arm.md).
 */
import * as fs from "fs";
import * as path from "path";
import { ArmError } from "./armError";
import { JsonObject, JsonValue, isObject } from "./json";
import { KINDS } from "./kinds";

/** The vendored REST spec at the repository's top (compiled, this file runs from dist/emulator/). */
const AZURE_SPEC_DIR = path.resolve(__dirname, "../../azure-spec");

interface Schema {
    $ref?: string;
    readOnly?: boolean;
    properties?: Record<string, Schema>;
    allOf?: Schema[];
    additionalProperties?: Schema | boolean;
    items?: Schema;
}

type DocName = "gallery" | "common";

interface Resolved {
    schema: Schema;
    doc: DocName;
    name?: string;
}

let docs: Record<DocName, Record<string, Schema>> | undefined;

function definitions(): Record<DocName, Record<string, Schema>> {
    if (!docs) {
        const read = (file: string) => (JSON.parse(fs.readFileSync(path.join(AZURE_SPEC_DIR, file), "utf8")) as { definitions: Record<string, Schema> }).definitions;
        docs = {
            // Two extracts of the same GalleryRP.json: definitions they share are the same subtrees.
            gallery: { ...read("GalleryRP.2025-12-03.galleries-extract.json"), ...read("GalleryRP.2025-12-03.gallery-family-extract.json") },
            common: read("common-types/arm-common-types-v3.types.extract.json"),
        };
    }
    return docs;
}

function resolve(schema: Schema, doc: DocName, name?: string): Resolved | undefined {
    if (!schema.$ref) return { schema, doc, name };
    const [file, fragment] = schema.$ref.split("#");
    const target: DocName | undefined = !file ? doc : file.endsWith("resource-management/v3/types.json") ? "common" : undefined;
    if (!target) return undefined; // a document not vendored (compute common.json: error types only)
    const defName = fragment.replace("/definitions/", "");
    const found = definitions()[target][defName];
    return found ? resolve(found, target, defName) : undefined;
}

interface Member {
    name: string;
    schema: Resolved;
    readOnly: boolean;
}

function members(r: Resolved): Map<string, Member> {
    const out = new Map<string, Member>();
    for (const [name, s] of Object.entries(r.schema.properties ?? {})) {
        const child = resolve(s, r.doc);
        if (child) out.set(name.toLowerCase(), { name, schema: child, readOnly: s.readOnly === true || child.schema.readOnly === true });
    }
    for (const base of r.schema.allOf ?? []) {
        const b = resolve(base, r.doc);
        if (b) for (const [k, v] of members(b)) if (!out.has(k)) out.set(k, v);
    }
    return out;
}

function unknownMember(member: string, type: string, at: string): ArmError {
    return new ArmError(
        400,
        "InvalidRequestContent",
        `The request content was invalid and could not be deserialized: 'Could not find member '${member}' on object of type '${type}'. Path '${at}'.'`,
    );
}

function conform(value: JsonValue, r: Resolved, at: string, typeName: string): JsonValue {
    if (Array.isArray(value)) {
        const items = r.schema.items && resolve(r.schema.items, r.doc);
        return items ? value.map((v, i) => conform(v, items, `${at}[${i}]`, items.name ?? typeName)) : value;
    }
    if (!isObject(value)) return value;
    const known = members(r);
    const extra = typeof r.schema.additionalProperties === "object" ? resolve(r.schema.additionalProperties, r.doc) : undefined;
    const open = r.schema.additionalProperties !== undefined || (known.size === 0 && !r.schema.properties);
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const where = at ? `${at}.${key}` : key;
        const member = known.get(key.toLowerCase());
        if (member) {
            // Still bound (an unknown member inside it is refused), then dropped: the service sets these.
            const bound = v === null ? null : conform(v, member.schema, where, member.schema.name ?? typeName);
            if (!member.readOnly) out[member.name] = bound;
        } else if (open) {
            out[key] = extra && v !== null ? conform(v, extra, where, extra.name ?? typeName) : v;
        } else {
            throw unknownMember(key, typeName, where);
        }
    }
    return out;
}

/** The definition each request body is bound to (spec: the body parameter of each operation, kinds.ts). */
const BODY_TYPES: Record<string, string> = {
    ...Object.fromEntries(Object.entries(KINDS).flatMap(([kind, info]) => [[`${kind} PUT`, info.putModel], [`${kind} PATCH`, info.patchModel]])),
    "share POST": "SharingUpdate",
};

/**
 * The body with the spec's member spelling and without read-only members, or 400
 * InvalidRequestContent for a member its type lacks.
 */
export function bindBody(kind: string, method: string, body: JsonValue | undefined): JsonValue | undefined {
    const type = BODY_TYPES[`${kind} ${method}`];
    if (!type || body === undefined || !isObject(body)) return body;
    const r = resolve({ $ref: `#/definitions/${type}` }, "gallery");
    return r ? conform(body, r, "", type) : body;
}
