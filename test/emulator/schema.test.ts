/** Request bodies bind to the spec's types (schema.ts): read-only members are ignored, names match in any case. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, JsonValue, isObject, obj } from "../../emulator/json";
import { bindBody } from "../../emulator/schema";
import { AZURE_SPEC_DIR, EXAMPLES_DIR } from "../support/azureSpec";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const galleries = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;

describe("binding request bodies to the spec's types", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator();
    });
    after(async () => emulator.stop());

    it("read-only members sent back are accepted and ignored: the service's own values stand", async () => {
        const res = await armDone(emulator, "PUT", `${galleries}/readonly`, {
            id: "/anything",
            name: "other",
            type: "Microsoft.Compute/galleries",
            systemData: { createdBy: "someone" },
            location: "westus",
            properties: { description: "d", provisioningState: "Failed", identifier: { uniqueName: "MINE" }, sharingStatus: { aggregatedState: "Failed" } },
        });
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        const props = obj(res.body.properties);
        assert.strictEqual(obj(props.identifier).uniqueName, `${SUBSCRIPTION}-READONLY`);
        assert.strictEqual(props.provisioningState, "Creating");
        assert.strictEqual(props.sharingStatus, undefined);
        assert.strictEqual(res.body.name, "readonly");
    });

    it("a version's GET answer can be PUT back as it is (RPC-Put-V1-25: the PUT body is the 200 answer's schema)", async () => {
        const gallery = `${galleries}/roundtrip`;
        await armDone(emulator, "PUT", gallery, { location: "westus" });
        await armDone(emulator, "PUT", `${gallery}/images/img`, { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } } });
        const version = `${gallery}/images/img/versions/1.0.0`;
        await armDone(emulator, "PUT", version, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } } } });
        const answer = (await arm(emulator, "GET", version, undefined, { query: { $expand: "ReplicationStatus" } })).body;
        const again = await armDone(emulator, "PUT", version, answer);
        assert.deepStrictEqual([again.status, again.operation], [200, "Succeeded"], JSON.stringify(again.body));
    });

    it("member names bind in any case and are stored in the spec's spelling", async () => {
        const res = await armDone(emulator, "PUT", `${galleries}/casing`, { Location: "westus", Tags: { team: "a" }, PROPERTIES: { Description: "mixed" } } as JsonObject);
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        assert.deepStrictEqual([res.body.location, res.body.tags, obj(res.body.properties).description], ["West US", { team: "a" }, "mixed"]);
        const tooMany = await arm(emulator, "PATCH", `${galleries}/casing`, { TAGS: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])) } as JsonObject);
        assert.strictEqual(obj(tooMany.body.error).code, "InvalidTags", "tag limits apply whatever the member's casing");
    });

    it("tags at the limits are accepted (50 tags, 512-character name, 256-character value)", async () => {
        const tags: JsonObject = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`t${i}`, "v"]));
        tags["n".repeat(512)] = "v".repeat(256);
        const res = await arm(emulator, "PUT", `${galleries}/tagged`, { location: "westus", tags });
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
    });
});

/**
 * Conformance of the binding with the spec, walked independently of schema.ts: for each request model,
 * a body carrying every writable member (each at a sample value of its type) comes out of the binding
 * with every member in place, and each read-only member sent back is ignored, as RPC-Put-V1-25 asks of a
 * PUT body that is the 200 answer's schema. Then every official example's request binds without losing
 * anything but read-only members.
 */
interface SpecSchema {
    $ref?: string;
    type?: string;
    enum?: string[];
    readOnly?: boolean;
    properties?: Record<string, SpecSchema>;
    allOf?: SpecSchema[];
    additionalProperties?: SpecSchema | boolean;
    items?: SpecSchema;
}

type SpecDoc = "gallery" | "common";

const specDefinitions: Record<SpecDoc, Record<string, SpecSchema>> = {
    gallery: {
        ...(JSON.parse(fs.readFileSync(path.join(AZURE_SPEC_DIR, "GalleryRP.2025-12-03.galleries-extract.json"), "utf8")) as { definitions: Record<string, SpecSchema> }).definitions,
        ...(JSON.parse(fs.readFileSync(path.join(AZURE_SPEC_DIR, "GalleryRP.2025-12-03.gallery-family-extract.json"), "utf8")) as { definitions: Record<string, SpecSchema> }).definitions,
    },
    common: (JSON.parse(fs.readFileSync(path.join(AZURE_SPEC_DIR, "common-types/arm-common-types-v3.types.extract.json"), "utf8")) as { definitions: Record<string, SpecSchema> }).definitions,
};

/** A schema with its `$ref`s followed, and the document it came from. */
function deref(schema: SpecSchema, doc: SpecDoc): { schema: SpecSchema; doc: SpecDoc; ref?: string } {
    if (!schema.$ref) return { schema, doc };
    const [file, fragment] = schema.$ref.split("#");
    const target: SpecDoc = file === "" ? doc : file.endsWith("common-types/resource-management/v3/types.json") ? "common" : (() => { throw new Error(`unvendored $ref ${schema.$ref}`); })();
    const name = fragment.replace("/definitions/", "");
    const found = specDefinitions[target][name];
    assert.ok(found, `dangling $ref ${schema.$ref}`);
    return { ...deref(found, target), ref: name };
}

/** Every member of an object schema, base types' members included, with whether it is read-only. */
function specMembers(schema: SpecSchema, doc: SpecDoc): { name: string; schema: SpecSchema; doc: SpecDoc; readOnly: boolean }[] {
    const own = Object.entries(schema.properties ?? {}).map(([name, s]) => {
        const r = deref(s, doc);
        return { name, schema: r.schema, doc: r.doc, readOnly: s.readOnly === true || r.schema.readOnly === true };
    });
    const inherited = (schema.allOf ?? []).flatMap((b) => {
        const r = deref(b, doc);
        return specMembers(r.schema, r.doc);
    });
    return [...own, ...inherited.filter((m) => !own.some((o) => o.name === m.name))];
}

interface Sample {
    body: JsonValue;
    /** Dotted paths of every writable member the body carries (array items as `[0]`). */
    writable: string[];
    /** Paths of read-only members, each with a body that carries it (and only the writable members above it). */
    readOnly: { path: string; body: JsonValue }[];
}

/** A body carrying every member of a schema, writable ones together and each read-only one apart. */
function sample(schema: SpecSchema, doc: SpecDoc, at: string, seen: string[]): Sample {
    const r = deref(schema, doc);
    if (r.ref && seen.includes(r.ref)) return { body: {}, writable: [], readOnly: [] }; // no recursion in these models, but be safe
    const trail = r.ref ? [...seen, r.ref] : seen;
    const s = r.schema;
    if (s.enum) return { body: s.enum[0], writable: [], readOnly: [] };
    if (s.type === "array" && s.items) {
        const item = sample(s.items, r.doc, `${at}[0]`, trail);
        return { body: [item.body], writable: item.writable, readOnly: item.readOnly.map((x) => ({ path: x.path, body: [x.body] })) };
    }
    const members = specMembers(s, r.doc);
    if (members.length > 0) {
        const body: JsonObject = {};
        const writable: string[] = [];
        const readOnly: { path: string; body: JsonValue }[] = [];
        for (const m of members) {
            const where = at ? `${at}.${m.name}` : m.name;
            const child = sample(m.schema, m.doc, where, trail);
            if (m.readOnly) {
                readOnly.push({ path: where, body: { [m.name]: child.body } });
                continue;
            }
            body[m.name] = child.body;
            writable.push(where, ...child.writable);
            readOnly.push(...child.readOnly.map((x) => ({ path: x.path, body: { [m.name]: x.body } })));
        }
        return { body, writable, readOnly };
    }
    if (typeof s.additionalProperties === "object") {
        const value = sample(s.additionalProperties, r.doc, `${at}.key`, trail);
        return { body: { key: value.body }, writable: value.writable, readOnly: value.readOnly.map((x) => ({ path: x.path, body: { key: x.body } })) };
    }
    return { body: s.type === "integer" || s.type === "number" ? 1 : s.type === "boolean" ? true : "x", writable: [], readOnly: [] };
}

function at(value: JsonValue | undefined, dotted: string): JsonValue | undefined {
    let cur = value;
    for (const part of dotted.replace(/\[0\]/g, ".0").split(".")) {
        if (Array.isArray(cur)) cur = cur[Number(part)];
        else if (isObject(cur)) cur = cur[part];
        else return undefined;
    }
    return cur;
}

const MODELS: [kind: string, method: string, model: string][] = [
    ["gallery", "PUT", "Gallery"],
    ["gallery", "PATCH", "GalleryUpdate"],
    ["image", "PUT", "GalleryImage"],
    ["image", "PATCH", "GalleryImageUpdate"],
    ["version", "PUT", "GalleryImageVersion"],
    ["version", "PATCH", "GalleryImageVersionUpdate"],
    ["share", "POST", "SharingUpdate"],
    ["application", "PUT", "GalleryApplication"],
    ["application", "PATCH", "GalleryApplicationUpdate"],
    ["applicationVersion", "PUT", "GalleryApplicationVersion"],
    ["applicationVersion", "PATCH", "GalleryApplicationVersionUpdate"],
    ["profile", "PUT", "GalleryInVMAccessControlProfile"],
    ["profile", "PATCH", "GalleryInVMAccessControlProfileUpdate"],
    ["profileVersion", "PUT", "GalleryInVMAccessControlProfileVersion"],
    ["profileVersion", "PATCH", "GalleryInVMAccessControlProfileVersionUpdate"],
    ["script", "PUT", "GalleryScript"],
    ["script", "PATCH", "GalleryScriptUpdate"],
    ["scriptVersion", "PUT", "GalleryScriptVersion"],
    ["scriptVersion", "PATCH", "GalleryScriptVersionUpdate"],
];

describe("the binding, member by member against the spec", function () {
    for (const [kind, method, model] of MODELS) {
        const s = sample({ $ref: `#/definitions/${model}` }, "gallery", "", []);

        it(`${model}: every writable member binds and keeps its place`, () => {
            assert.ok(s.writable.length > 0);
            const bound = bindBody(kind, method, s.body);
            const lost = s.writable.filter((p) => at(bound, p) === undefined);
            assert.deepStrictEqual(lost, [], `${model}: members the binding dropped`);
            assert.deepStrictEqual(bound, s.body, `${model}: the binding changed a writable member`);
        });

        it(`${model}: every read-only member sent back is ignored`, () => {
            for (const ro of s.readOnly) {
                const bound = bindBody(kind, method, ro.body);
                assert.strictEqual(at(bound, ro.path), undefined, `${model}: read-only ${ro.path} was kept`);
            }
        });
    }

    it("the models have the read-only members the answers carry (id, name, type, provisioningState…)", () => {
        const paths = (model: string) => sample({ $ref: `#/definitions/${model}` }, "gallery", "", []).readOnly.map((r) => r.path);
        for (const p of ["id", "name", "type", "systemData", "properties.provisioningState", "properties.identifier.uniqueName", "identity.principalId"]) assert.ok(paths("Gallery").includes(p), `Gallery ${p}`);
        for (const p of ["properties.publishingProfile.publishedDate", "properties.replicationStatus", "properties.storageProfile.osDiskImage.sizeInGB", "properties.validationsProfile"]) assert.ok(paths("GalleryImageVersion").includes(p), `GalleryImageVersion ${p}`);
    });

    const familyDirs = ["galleryApplicationExamples", "galleryResourceProfileExamples", "galleryScriptExamples"].map((d) => path.join(EXAMPLES_DIR, "..", d));
    const files = [EXAMPLES_DIR, ...familyDirs].flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(dir, f)));
    for (const filePath of files) {
        const file = path.basename(filePath);
        const ex = JSON.parse(fs.readFileSync(filePath, "utf8")) as { parameters: Record<string, JsonValue> };
        const update = /_Update/.test(file);
        const family: [string, string, string, string][] = [
            ["application", "galleryApplication", "GalleryApplication", "GalleryApplicationUpdate"],
            ["applicationVersion", "galleryApplicationVersion", "GalleryApplicationVersion", "GalleryApplicationVersionUpdate"],
            ["profile", "galleryInVMAccessControlProfile", "GalleryInVMAccessControlProfile", "GalleryInVMAccessControlProfileUpdate"],
            ["profileVersion", "galleryInVMAccessControlProfileVersion", "GalleryInVMAccessControlProfileVersion", "GalleryInVMAccessControlProfileVersionUpdate"],
            ["script", "galleryScript", "GalleryScript", "GalleryScriptUpdate"],
            ["scriptVersion", "galleryScriptVersion", "GalleryScriptVersion", "GalleryScriptVersionUpdate"],
        ];
        const requests: [string, string, string, JsonValue | undefined][] = [
            ...family.map(([kind, param, put, patch]): [string, string, string, JsonValue | undefined] => [kind, update ? "PATCH" : "PUT", update ? patch : put, ex.parameters[param]]),
            ["gallery", /_Update/.test(file) ? "PATCH" : "PUT", /_Update/.test(file) ? "GalleryUpdate" : "Gallery", ex.parameters.gallery],
            ["image", /_Update/.test(file) ? "PATCH" : "PUT", /_Update/.test(file) ? "GalleryImageUpdate" : "GalleryImage", ex.parameters.galleryImage],
            ["version", /_Update/.test(file) ? "PATCH" : "PUT", /_Update/.test(file) ? "GalleryImageVersionUpdate" : "GalleryImageVersion", ex.parameters.galleryImageVersion],
            ["share", "POST", "SharingUpdate", ex.parameters.sharingUpdate],
        ];
        for (const [kind, method, model, body] of requests) {
            if (body === undefined) continue;
            it(`${file}: its ${model} request binds whole`, () => {
                const readOnly = sample({ $ref: `#/definitions/${model}` }, "gallery", "", []).readOnly.map((r) => r.path);
                const expected = JSON.parse(JSON.stringify(body)) as JsonValue;
                for (const p of readOnly) {
                    const parent = at(expected, p.split(".").slice(0, -1).join("."));
                    const last = p.split(".").pop() ?? "";
                    if (p.includes(".") ? isObject(parent) : isObject(expected)) delete (p.includes(".") ? (parent as JsonObject) : (expected as JsonObject))[last];
                }
                assert.deepStrictEqual(bindBody(kind, method, body), expected);
            });
        }
    }
});
