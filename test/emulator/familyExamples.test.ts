/**
 * Every official x-ms-example of the gallery family's other kinds — applications, application
 * versions, inVMAccessControlProfiles and their versions, scripts and their versions — replayed
 * against the emulator: the request is accepted with one of the example's status codes, the answer
 * carries every member the example's answer carries (members, not values: the examples' ids and
 * types are loose), and a 202 carries the headers the example's 202 shows.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, JsonValue, isObject, obj } from "../../emulator/json";
import { Example, common, futureDates, mergeDeep, missing, sourceRows, writable } from "../support/exampleReplay";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";
import { AZURE_SPEC_DIR } from "../support/azureSpec";

const EXAMPLES = path.join(AZURE_SPEC_DIR, "examples");
const FOLDERS = ["galleryApplicationExamples", "galleryResourceProfileExamples", "galleryScriptExamples"];
const base = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;

type Kind = "application" | "applicationVersion" | "profile" | "profileVersion" | "script" | "scriptVersion";

/** File prefix → kind, the collection segment, the example's parameter names for the names and the body. */
const KIND_OF: [prefix: string, kind: Kind][] = [
    ["GalleryApplicationVersion_", "applicationVersion"],
    ["GalleryApplication_", "application"],
    ["GalleryInVMAccessControlProfileVersion_", "profileVersion"],
    ["GalleryInVMAccessControlProfile_", "profile"],
    ["GalleryScriptVersion_", "scriptVersion"],
    ["GalleryScript_", "script"],
];
const SEGMENT: Record<string, string> = { application: "applications", profile: "inVMAccessControlProfiles", script: "scripts" };
const PARENT: Record<Kind, "application" | "profile" | "script"> = {
    application: "application",
    applicationVersion: "application",
    profile: "profile",
    profileVersion: "profile",
    script: "script",
    scriptVersion: "script",
};
const NAME_PARAM: Record<Kind, string> = {
    application: "galleryApplicationName",
    applicationVersion: "galleryApplicationVersionName",
    profile: "inVMAccessControlProfileName",
    profileVersion: "inVMAccessControlProfileVersionName",
    script: "galleryScriptName",
    scriptVersion: "galleryScriptVersionName",
};
const BODY_PARAM: Record<Kind, string> = {
    application: "galleryApplication",
    applicationVersion: "galleryApplicationVersion",
    profile: "galleryInVMAccessControlProfile",
    profileVersion: "galleryInVMAccessControlProfileVersion",
    script: "galleryScript",
    scriptVersion: "galleryScriptVersion",
};

/** Bodies for the resources an example needs before its own request (only the spec's required members). */
const MINIMAL: Record<Kind, JsonObject> = {
    application: { location: "West US", properties: { supportedOSType: "Windows" } },
    profile: { location: "West US", properties: { osType: "Linux", applicableHostEndpoint: "WireServer" } },
    script: { location: "West US", properties: { supportedOSType: "Windows" } },
    applicationVersion: {
        location: "West US",
        properties: { publishingProfile: { source: { mediaLink: "https://account.blob.core.windows.net/apps/package.zip?sig=1" }, manageActions: { install: "install.cmd", remove: "remove.cmd" } } },
    },
    profileVersion: { location: "West US", properties: { mode: "Audit", defaultAccess: "Allow" } },
    scriptVersion: { location: "West US", properties: { publishingProfile: { source: { scriptLink: "https://account.blob.core.windows.net/scripts/run.ps1?sig=1" } } } },
};

function examples(): { folder: string; file: string; rel: string }[] {
    return FOLDERS.flatMap((folder) =>
        fs
            .readdirSync(path.join(EXAMPLES, folder))
            .filter((f) => f.endsWith(".json"))
            .sort()
            .map((file) => ({ folder, file, rel: `${folder}/${file}` })),
    );
}

describe("official examples of applications, inVMAccessControlProfiles and scripts replayed against the emulator", function () {
    let emulator: ArmEmulator;
    before(async () => {
        // Asynchronous (briefly), as the service is: the examples show the operation headers of its answers.
        emulator = await startTestEmulator({ pageSize: 1000, operationMs: 5 });
    });
    after(async () => emulator.stop());

    async function must(method: string, p: string, body?: JsonValue): Promise<void> {
        const res = await armDone(emulator, method, p, body);
        assert.ok(res.status < 300 && res.operation === "Succeeded", `${method} ${p} during set-up answered ${res.status} (${res.operation}): ${JSON.stringify(res.body)}`);
    }

    const files = examples();

    it("vendors the 32 examples the gallery-family extract names, each with its SOURCES.tsv line and byte length", () => {
        const spec = JSON.parse(fs.readFileSync(path.join(AZURE_SPEC_DIR, "GalleryRP.2025-12-03.gallery-family-extract.json"), "utf8")) as { paths: Record<string, Record<string, { "x-ms-examples": Record<string, { $ref: string }> }>> };
        const refs = Object.values(spec.paths).flatMap((ops) => Object.values(ops).flatMap((op) => Object.values(op["x-ms-examples"]).map((e) => path.basename(e.$ref))));
        assert.strictEqual(refs.length, 32);
        assert.deepStrictEqual(files.map((f) => f.file).sort(), [...refs].sort(), "every example the spec names is vendored, and no other");
        const rows = sourceRows(fs.readFileSync(path.join(EXAMPLES, "SOURCES.tsv"), "utf8"));
        for (const f of files) {
            const row = rows.get(f.rel);
            assert.ok(row, `${f.rel} has no line in SOURCES.tsv`);
            assert.match(row.source, new RegExp(`^specification/compute/resource-manager/Microsoft\\.Compute/.*/${f.file.replace(/\./g, "\\.")}$`), f.rel);
            assert.match(row.commit, /^[0-9a-f]{40}$/, f.rel);
            assert.strictEqual(fs.statSync(path.join(EXAMPLES, f.rel)).size, row.bytes, `${f.rel}: byte length differs from SOURCES.tsv`);
        }
    });

    for (const { file, rel } of files) {
        it(file, async () => {
            const ex = JSON.parse(fs.readFileSync(path.join(EXAMPLES, rel), "utf8")) as Example;
            const p = ex.parameters;
            const kind = KIND_OF.find(([prefix]) => file.startsWith(prefix))![1];
            const op = /_Create/.test(file) ? "create" : /_Get/.test(file) ? "get" : /_Update/.test(file) ? "update" : /_Delete/.test(file) ? "delete" : "list";
            const versioned = kind.endsWith("Version");
            const parentKind = PARENT[kind];
            const gallery = `fam${files.findIndex((f) => f.rel === rel)}`;
            const parentName = String(p[NAME_PARAM[parentKind]] ?? "parent");
            const versionName = versioned ? String(p[NAME_PARAM[kind]] ?? "1.0.0") : undefined;
            const requestBody = futureDates(p[BODY_PARAM[kind]] ?? null);
            const answer = ex.responses["200"]?.body ?? ex.responses["201"]?.body;
            const okBody = op === "list" && isObject(answer) && Array.isArray(answer.value) ? answer.value[0] : answer;

            const parentPath = `${base}/${gallery}/${SEGMENT[parentKind]}/${parentName}`;
            const target = versioned ? `${parentPath}/versions/${versionName}` : parentPath;

            await must("PUT", `${base}/${gallery}`, { location: "West US" });
            // The definition (for a version's example) or the resource itself (for a read, update or delete)
            // exists first: made from the example's answer where it has one, else from the spec's required members.
            const fromAnswer = (k: Kind) => {
                if (!okBody || op === "create") return MINIMAL[k];
                const body = writable(futureDates(okBody)) as JsonObject;
                return (op === "update" ? mergeDeep(body, requestBody) : body) as JsonObject;
            };
            if (!versioned && op !== "create") await must("PUT", parentPath, { location: "West US", ...fromAnswer(kind) });
            if (versioned) await must("PUT", parentPath, MINIMAL[parentKind]);
            if (versioned && op !== "create") await must("PUT", target, { location: "West US", ...fromAnswer(kind) });

            const method = { create: "PUT", get: "GET", update: "PATCH", delete: "DELETE", list: "GET" }[op];
            const url = op === "list" ? target.slice(0, target.lastIndexOf("/")) : target;
            const query: Record<string, string> = {};
            if (p.$expand !== undefined) query.$expand = String(p.$expand);
            const res = await arm(emulator, method, url, op === "create" || op === "update" ? requestBody : undefined, { query });

            assert.ok(Object.keys(ex.responses).includes(String(res.status)), `${file}: status ${res.status} is not among ${Object.keys(ex.responses).join("/")}: ${JSON.stringify(res.body)}`);
            let expected = ex.responses[String(res.status)]?.body;
            if (op === "create" || op === "update") {
                const answers = Object.values(ex.responses).filter((r) => r.body !== undefined).map((r) => r.body as JsonValue);
                expected = res.status === 202 && ex.responses["202"]?.body === undefined ? undefined : common(answers);
            }
            if (op === "list" && isObject(expected) && Array.isArray(expected.value)) {
                const name = versioned ? versionName : parentName;
                res.body.value = (Array.isArray(res.body.value) ? res.body.value : []).filter((x) => obj(x).name === name);
                assert.strictEqual((res.body.value as JsonValue[]).length, 1, `${file}: the listed item`);
                expected = { value: expected.value.slice(0, 1) };
            }
            if (expected !== undefined) {
                assert.deepStrictEqual(missing(futureDates(expected), res.body), [], `${file}: members missing from the emulator's answer`);
            }
            for (const header of Object.keys(ex.responses[String(res.status)]?.headers ?? {})) {
                assert.ok(res.headers[header.toLowerCase()], `${file}: ${res.status} answer without the example's ${header} header`);
            }
        });
    }

    it("answers the update examples' 202 forms too, asynchronously: GalleryScript_Update.json with the script, GalleryScriptVersion_Update.json without a body", async () => {
        const slow = await startTestEmulator({ operationMs: 30 });
        try {
            const gallery = `${base}/slowfamily`;
            await armDone(slow, "PUT", gallery, { location: "West US" });
            await armDone(slow, "PUT", `${gallery}/scripts/myGalleryScriptName`, MINIMAL.script);
            await armDone(slow, "PUT", `${gallery}/scripts/myGalleryScriptName/versions/1.0.0`, MINIMAL.scriptVersion);
            for (const [file, p] of [
                ["galleryScriptExamples/GalleryScript_Update.json", `${gallery}/scripts/myGalleryScriptName`],
                ["galleryScriptExamples/GalleryScriptVersion_Update.json", `${gallery}/scripts/myGalleryScriptName/versions/1.0.0`],
            ]) {
                const ex = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), "utf8")) as Example;
                const res = await armDone(slow, "PATCH", p, futureDates(ex.parameters.galleryScript ?? ex.parameters.galleryScriptVersion ?? null));
                assert.deepStrictEqual([res.status, res.operation], [202, "Succeeded"], `${file}: ${JSON.stringify(res.body)}`);
                const example202 = ex.responses["202"];
                assert.deepStrictEqual(missing(example202.body, res.body), [], `${file}: 202 members`);
                if (example202.body === undefined) assert.deepStrictEqual(res.body, {}, `${file}: the 202 has no body`);
                for (const header of Object.keys(example202.headers ?? {})) assert.ok(res.headers[header.toLowerCase()], `${file}: ${header}`);
            }
        } finally {
            await slow.stop();
        }
    });
});
