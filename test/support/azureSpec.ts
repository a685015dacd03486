/** The public REST spec data vendored in `azure-spec/` (provenance in its README and examples/SOURCES.tsv). */
import * as fs from "fs";
import * as path from "path";

/** Compiled tests run from dist/test/…; the data stays in the source tree. */
export const AZURE_SPEC_DIR = path.resolve(__dirname, "../../../azure-spec");
export const EXAMPLES_DIR = path.join(AZURE_SPEC_DIR, "examples", "galleryExamples");
/** The official examples of applications and application versions (kept apart from the image kinds', see the README). */
export const APPLICATION_EXAMPLES_DIR = path.join(AZURE_SPEC_DIR, "examples", "galleryApplicationExamples");
/** The official examples of scripts and script versions. */
export const SCRIPT_EXAMPLES_DIR = path.join(AZURE_SPEC_DIR, "examples", "galleryScriptExamples");
/** The official examples of inVMAccessControlProfiles and their versions. */
export const PROFILE_EXAMPLES_DIR = path.join(AZURE_SPEC_DIR, "examples", "galleryResourceProfileExamples");
export const SPEC_FILE = "GalleryRP.2025-12-03.galleries-extract.json";
/** The second extract of the same GalleryRP.json: applications, inVMAccessControlProfiles, scripts and their versions. */
export const FAMILY_SPEC_FILE = "GalleryRP.2025-12-03.gallery-family-extract.json";
export const MUTABILITY_FILE = "MUTABILITY.md";
/** The third extract: what a consumer of shared images reads (shared and community galleries, their images and versions). */
export const SHARED_SPEC_FILE = "GalleryRP.2025-12-03.shared-galleries-extract.json";
/** The official examples of the shared-gallery and community-gallery reads. */
export const SHARED_EXAMPLES_DIR = path.join(AZURE_SPEC_DIR, "examples", "sharedGalleryExamples");
export const COMMUNITY_EXAMPLES_DIR = path.join(AZURE_SPEC_DIR, "examples", "communityGalleryExamples");

// ---------- the swagger, walked ----------

interface Schema {
    $ref?: string;
    type?: string;
    format?: string;
    description?: string;
    readOnly?: boolean;
    required?: string[];
    properties?: Record<string, Schema>;
    allOf?: Schema[];
    additionalProperties?: Schema | boolean;
    items?: Schema;
    enum?: string[];
    "x-ms-enum"?: { name?: string; modelAsString?: boolean; values?: { name?: string; value: string; description?: string }[] };
    "x-ms-mutability"?: string[];
    "x-ms-identifiers"?: string[];
}

interface Parameter {
    $ref?: string;
    name?: string;
    in?: string;
    schema?: Schema;
}

interface SpecDocument {
    paths?: Record<string, Record<string, { parameters?: Parameter[] }>>;
    definitions: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
}

type DocName = "gallery" | "common" | "shared";

let documents: Record<DocName, SpecDocument> | undefined;

/**
 * The two extracts of GalleryRP.json read as the one document they come from: paths and definitions
 * keyed by name. The definitions both hold (TargetRegion, ReplicationStatus, …) are the same subtree
 * of the same file; one that differs is an error in the vendored data.
 */
function gallerySpec(): SpecDocument {
    const parts = [SPEC_FILE, FAMILY_SPEC_FILE].map((f) => JSON.parse(fs.readFileSync(path.join(AZURE_SPEC_DIR, f), "utf8")) as SpecDocument);
    const merged: SpecDocument = { paths: {}, definitions: {} };
    for (const [i, part] of parts.entries()) {
        Object.assign(merged.paths!, part.paths ?? {});
        for (const [name, def] of Object.entries(part.definitions)) {
            const seen = merged.definitions[name];
            if (seen && JSON.stringify(seen) !== JSON.stringify(def)) throw new Error(`${[SPEC_FILE, FAMILY_SPEC_FILE][i]}: definition ${name} differs from the other extract's`);
            merged.definitions[name] = def;
        }
    }
    return merged;
}

function docs(): Record<DocName, SpecDocument> {
    documents ??= {
        gallery: gallerySpec(),
        common: JSON.parse(fs.readFileSync(path.join(AZURE_SPEC_DIR, "common-types", "arm-common-types-v3.types.extract.json"), "utf8")) as SpecDocument,
        // Read on its own, not merged into `gallery`: what the provider's tables are checked against stays the two extracts.
        shared: JSON.parse(fs.readFileSync(path.join(AZURE_SPEC_DIR, SHARED_SPEC_FILE), "utf8")) as SpecDocument,
    };
    return documents;
}

/** The document a `$ref` points into: this one, or ARM's common types (compute's common.json holds error types only and is not walked). */
function target(ref: string, from: DocName): { doc: DocName; fragment: string } | undefined {
    const [file, fragment] = ref.split("#");
    if (!file) return { doc: from, fragment };
    return file.endsWith("resource-management/v3/types.json") ? { doc: "common", fragment } : undefined;
}

function resolve(schema: Schema, doc: DocName): { schema: Schema; doc: DocName } | undefined {
    if (!schema.$ref) return { schema, doc };
    const t = target(schema.$ref, doc);
    const found = t ? docs()[t.doc].definitions[t.fragment.replace("/definitions/", "")] : undefined;
    return found && t ? resolve(found, t.doc) : undefined;
}

/** An object's members, its own and those of its allOf bases (resolved). */
function ownMembers(schema: Schema, doc: DocName): [string, Schema, DocName, boolean][] {
    const out: [string, Schema, DocName, boolean][] = [];
    for (const base of schema.allOf ?? []) {
        const b = resolve(base, doc);
        if (b) out.push(...ownMembers(b.schema, b.doc));
    }
    for (const [name, s] of Object.entries(schema.properties ?? {})) out.push([name, s, doc, (schema.required ?? []).includes(name)]);
    return out;
}

export interface SpecEnum {
    values: string[];
    /** `x-ms-enum.modelAsString`: true is an open (extensible) enum. */
    modelAsString: boolean;
    name?: string;
    /** What the spec says of each value (x-ms-enum values' descriptions). */
    valueDescriptions: Record<string, string>;
}

/** One member of a request body, however deep. */
export interface SpecMember {
    /** Body path, `[]` for the elements of an array: `properties.publishingProfile.targetRegions[].name`. */
    path: string;
    /** `string`, `integer`, `boolean`, `object`, `array` (as the schema, resolved, says). */
    type?: string;
    format?: string;
    /** For an array: its elements' type; for a map: `map`. */
    itemType?: string;
    /** Read-only itself or inside a read-only member. */
    readOnly: boolean;
    required: boolean;
    /** The member's description where it has one, else its definition's (as the generators read it). */
    description: string;
    mutability?: string[];
    /** The member's enum, or for an array its elements' enum. */
    enum?: SpecEnum;
    /** An array's `x-ms-identifiers` (element keys). */
    identifiers?: string[];
    /** Whether other members lie below it (an object with members, or an array of such). */
    hasMembers: boolean;
}

function enumOf(s: Schema): SpecEnum | undefined {
    if (!s.enum) return undefined;
    const x = s["x-ms-enum"];
    return {
        values: s.enum,
        modelAsString: x?.modelAsString === true,
        name: x?.name,
        valueDescriptions: Object.fromEntries((x?.values ?? []).filter((v) => v.description).map((v) => [v.value, v.description!])),
    };
}

function walk(schema: Schema, doc: DocName, at: string, readOnly: boolean, seen: string[], out: SpecMember[]): void {
    for (const [name, raw, rawDoc, required] of ownMembers(schema, doc)) {
        const r = resolve(raw, rawDoc);
        if (!r) continue;
        const s = r.schema;
        const memberPath = at ? `${at}.${name}` : name;
        const ro = readOnly || raw.readOnly === true || s.readOnly === true;
        const items = s.items ? resolve(s.items, r.doc) : undefined;
        const map = typeof s.additionalProperties === "object" ? resolve(s.additionalProperties, r.doc) : undefined;
        const inner = items ?? (map ? undefined : r);
        const nested = inner !== undefined && (ownMembers(inner.schema, inner.doc).length > 0);
        out.push({
            path: memberPath,
            type: s.type ?? (s.properties || s.allOf ? "object" : undefined),
            format: s.format,
            itemType: items ? (items.schema.type ?? "object") : map ? "map" : undefined,
            readOnly: ro,
            required,
            description: raw.description ?? s.description ?? "",
            mutability: raw["x-ms-mutability"] ?? s["x-ms-mutability"],
            enum: enumOf(s) ?? (items ? enumOf(items.schema) : undefined),
            identifiers: raw["x-ms-identifiers"] ?? s["x-ms-identifiers"],
            hasMembers: nested,
        });
        const key = raw.$ref ?? (s.items?.$ref ?? "");
        if (!nested || (key && seen.includes(key))) continue;
        const next = key ? [...seen, key] : seen;
        if (items) walk(items.schema, items.doc, `${memberPath}[]`, ro, next, out);
        else walk(r.schema, r.doc, memberPath, ro, next, out);
    }
}

/** Every member of a definition's body (allOf and `$ref` resolved), parents before children. */
export function requestModel(definition: string): SpecMember[] {
    const root = docs().gallery.definitions[definition];
    if (!root) throw new Error(`neither ${SPEC_FILE} nor ${FAMILY_SPEC_FILE} has a definition ${definition}`);
    const out: SpecMember[] = [];
    walk(root, "gallery", "", false, [`#/definitions/${definition}`], out);
    return out;
}

/** Every member of a definition of the shared-galleries extract (an answer's model), parents before children. */
export function sharedModel(definition: string): SpecMember[] {
    const root = docs().shared.definitions[definition];
    if (!root) throw new Error(`${SHARED_SPEC_FILE} has no definition ${definition}`);
    const out: SpecMember[] = [];
    walk(root, "shared", "", false, [`#/definitions/${definition}`], out);
    return out;
}

/** The shared-galleries extract as vendored: its paths and definitions. */
export function sharedSpec(): { paths: Record<string, Record<string, { operationId?: string }>>; definitions: Record<string, unknown> } {
    const doc = docs().shared;
    return { paths: (doc.paths ?? {}) as Record<string, Record<string, { operationId?: string }>>, definitions: doc.definitions };
}

/** The definitions of the spec (names only). */
export function definitionNames(): string[] {
    return Object.keys(docs().gallery.definitions);
}

/** Every description in the spec, member and enum value alike, with where it is. */
export function descriptions(): { where: string; text: string }[] {
    const out: { where: string; text: string }[] = [];
    for (const [name, def] of Object.entries(docs().gallery.definitions)) {
        if (def.description) out.push({ where: name, text: def.description });
        for (const [member, s] of Object.entries(def.properties ?? {})) if (s.description) out.push({ where: `${name}.${member}`, text: s.description });
        for (const v of def["x-ms-enum"]?.values ?? []) if (v.description) out.push({ where: `${name}.${v.value}`, text: v.description });
    }
    return out;
}

/** The PUT that creates a definition's resource: its path template and the names of its path parameters. */
export function createOperation(definition: string): { path: string; pathParameters: string[] } | undefined {
    const g = docs().gallery;
    for (const [p, ops] of Object.entries(g.paths ?? {})) {
        const body = ops.put?.parameters?.find((x) => x.in === "body");
        if (body?.schema?.$ref === `#/definitions/${definition}`) return { path: p, pathParameters: [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]) };
    }
    return undefined;
}

// ---------- MUTABILITY.md ----------

export interface MutabilityRow {
    /** The section's heading, e.g. "2. Gallery image definition — `…/galleries/{galleryName}/images/{galleryImageName}`". */
    section: string;
    /** The row's paths, expanded ("`x.min` / `.max`", "`x.{a,b}`"), as written (`…` for an elided prefix, `[]` for elements). */
    paths: string[];
    /** The "after create" cell, as written. */
    afterCreate: string;
    /** The "basis / notes" cell. */
    notes: string;
    /** The enum cell. */
    enumCell: string;
    /** 1-based line in MUTABILITY.md. */
    line: number;
}

export function mutabilityText(): string {
    return fs.readFileSync(path.join(AZURE_SPEC_DIR, MUTABILITY_FILE), "utf8");
}

/** `a.{x, y[]}` → `a.x`, `a.y[]`. */
function expandBraces(p: string): string[] {
    const m = /^(.*)\{([^}]*)\}(.*)$/.exec(p);
    return m ? m[2].split(",").map((x) => `${m[1]}${x.trim()}${m[3]}`) : [p];
}

/** The paths of a table's first cell: backticked, ` / `-joined siblings (`.max` after `x.min`), braces expanded. */
function cellPaths(cell: string): string[] {
    const out: string[] = [];
    for (const m of cell.matchAll(/`([^`]+)`/g)) {
        const p = m[1].trim();
        if (p.startsWith(".") && out.length > 0) {
            const prev = out[out.length - 1];
            out.push(`${prev.slice(0, prev.lastIndexOf("."))}${p}`);
        } else {
            out.push(p);
        }
    }
    return out.flatMap(expandBraces);
}

/** The rows of the per-property tables (those with an "after create" column), by section. */
export function mutabilityRows(): MutabilityRow[] {
    const out: MutabilityRow[] = [];
    let section = "";
    let columns: string[] | undefined;
    mutabilityText()
        .split("\n")
        .forEach((text, i) => {
            if (text.startsWith("## ")) {
                section = text.slice(3).trim();
                columns = undefined;
                return;
            }
            if (!text.startsWith("|")) {
                columns = undefined;
                return;
            }
            const cells = text.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
            if (!columns) {
                columns = cells.map((c) => c.toLowerCase());
                return;
            }
            if (cells.every((c) => /^-+$/.test(c))) return;
            const col = (name: string) => cells[columns!.indexOf(name)] ?? "";
            if (!columns.includes("after create")) return;
            out.push({ section, paths: cellPaths(col("path")), afterCreate: col("after create"), notes: col("basis / notes"), enumCell: col("enum"), line: i + 1 });
        });
    return out;
}
