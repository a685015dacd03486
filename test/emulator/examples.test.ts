/**
 * Every official x-ms-example for galleries, image definitions and image versions, replayed against
 * the emulator: the request must be accepted with one of the example's status codes, and the answer
 * must carry every field the example's answer carries.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, JsonValue, isObject, obj } from "../../emulator/json";
import { Example, common, futureDates, mergeDeep, missing, writable } from "../support/exampleReplay";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";
import { EXAMPLES_DIR as EXAMPLES } from "../support/azureSpec";


type Kind = "gallery" | "image" | "version";

const base = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;

const defaultImage: JsonObject = {
    location: "West US",
    properties: { osType: "Windows", osState: "Generalized", hyperVGeneration: "V1", identifier: { publisher: "myPublisherName", offer: "myOfferName", sku: "mySkuName" } },
};
const defaultVersion: JsonObject = {
    location: "West US",
    properties: {
        storageProfile: { source: { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/src/providers/Microsoft.Compute/images/golden` } },
        // Each region with its own excludeFromLatest, as the create examples send it: the restored version's
        // answer (GalleryImageVersion_Update_RestoreSoftDeleted.json) has one, which a region never sent one lacks.
        publishingProfile: {
            targetRegions: [
                { name: "West US", excludeFromLatest: false },
                { name: "East US", regionalReplicaCount: 2, storageAccountType: "Standard_ZRS", excludeFromLatest: false },
            ],
        },
    },
};

describe("official examples replayed against the emulator", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ pageSize: 1000 });
    });
    after(async () => emulator.stop());

    /** A set-up request, waited for as a client would wait for its long-running operation. */
    async function must(method: string, p: string, body?: JsonValue): Promise<void> {
        const res = await armDone(emulator, method, p, body);
        assert.ok(res.status < 300 && res.operation === "Succeeded", `${method} ${p} during set-up answered ${res.status} (${res.operation}): ${JSON.stringify(res.body)}`);
    }

    const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")).sort();
    // More are vendored over time; the 24 first vendored (examples/SOURCES.tsv) must stay.
    it("finds the vendored examples", () => assert.ok(files.length >= 24, `only ${files.length} examples`));

    it("has a provenance line for each vendored example, whose byte length the copy keeps (examples/SOURCES.tsv)", () => {
        const lines = fs.readFileSync(path.join(EXAMPLES, "..", "SOURCES.tsv"), "utf8").split("\n").slice(1).filter(Boolean);
        const listed = new Map(lines.map((l) => l.split("\t")).map(([file, source, commit, bytes]) => [file, { source, commit, bytes: Number(bytes) }]));
        for (const file of files) {
            const line = listed.get(file);
            assert.ok(line, `${file} has no line in SOURCES.tsv`);
            assert.match(line.source, /^specification\/compute\/resource-manager\//, file);
            assert.match(line.commit, /^[0-9a-f]{40}$/, file);
            assert.strictEqual(fs.statSync(path.join(EXAMPLES, file)).size, line.bytes, `${file}: byte length differs from SOURCES.tsv`);
        }
    });

    for (const file of files) {
        it(file, async () => {
            const ex = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), "utf8")) as Example;
            const p = ex.parameters;
            const gallery = `ex${files.indexOf(file)}`;
            const image = String(p.galleryImageName ?? "myGalleryImageName");
            const version = String(p.galleryImageVersionName ?? "1.0.0");
            const kind: Kind = file.startsWith("GalleryImageVersion_") || file.startsWith("GallerySoftDeleted") ? "version" : file.startsWith("GalleryImage_") ? "image" : "gallery";
            const op = /_Create/.test(file) ? "create" : /_Get/.test(file) ? "get" : /_Update|_Reset/.test(file) ? "update" : /_Delete/.test(file) ? "delete" : "list";
            const requestBody = futureDates(p.gallery ?? p.galleryImage ?? p.galleryImageVersion ?? p.sharingUpdate ?? null);
            const answer = ex.responses["200"]?.body ?? ex.responses["201"]?.body;
            // For a list, the listed item is what has to exist first.
            const okBody = op === "list" && isObject(answer) && Array.isArray(answer.value) ? answer.value[0] : answer;

            // Parents (and, for reads, updates and deletes, the resource itself) exist first.
            const galleryBody: JsonObject =
                kind === "gallery" && okBody && op !== "create" && !file.includes("ResetSharing")
                    ? (writable(futureDates(okBody)) as JsonObject)
                    : { location: "West US", properties: file.includes("Restore") || file.includes("SoftDeleted") ? { softDeletePolicy: { isSoftDeleteEnabled: true } } : {} };
            if (file.includes("ResetSharing")) galleryBody.properties = { sharingProfile: { permissions: "Groups" } };
            if (!galleryBody.location) galleryBody.location = "West US";
            if (!(kind === "gallery" && op === "create")) await must("PUT", `${base}/${gallery}`, galleryBody);
            if (kind !== "gallery" && !(kind === "image" && op === "create")) {
                const imageBody = kind === "image" && okBody ? mergeDeep(writable(futureDates(okBody)), op === "update" ? requestBody : null) : defaultImage;
                if (isObject(imageBody) && !imageBody.location) imageBody.location = "West US";
                if (file.includes("UpdateFeatures") && isObject(imageBody)) {
                    delete obj(imageBody.properties).features; // created without, then updated with allowUpdateImage
                    delete obj(imageBody.properties).allowUpdateImage;
                }
                await must("PUT", `${base}/${gallery}/images/${image}`, imageBody);
            }
            if (kind === "version" && op !== "create") {
                let versionBody: JsonValue = okBody && !file.includes("SoftDeleted") ? writable(futureDates(okBody)) : defaultVersion;
                if (isObject(versionBody)) {
                    delete obj(versionBody.properties).restore;
                    versionBody.location ??= "West US";
                    const sp = obj(obj(versionBody.properties).storageProfile);
                    if (!sp.source && !obj(sp.osDiskImage).source) obj(versionBody.properties).storageProfile = obj(defaultVersion.properties).storageProfile ?? null;
                }
                await must("PUT", `${base}/${gallery}/images/${image}/versions/${version}`, versionBody);
                if (file.includes("Restore") || file.includes("SoftDeleted")) await must("DELETE", `${base}/${gallery}/images/${image}/versions/${version}`);
            }

            const target =
                kind === "gallery" ? `${base}/${gallery}` : kind === "image" ? `${base}/${gallery}/images/${image}` : `${base}/${gallery}/images/${image}/versions/${version}`;
            let method = { create: "PUT", get: "GET", update: "PATCH", delete: "DELETE", list: "GET" }[op];
            let url = op === "list" ? target.slice(0, target.lastIndexOf("/")) : target;
            if (file === "Gallery_ListBySubscription.json") url = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Compute/galleries`;
            if (file.includes("ResetSharing")) {
                method = "POST";
                url = `${target}/share`;
            }
            if (file.startsWith("GallerySoftDeleted")) {
                url = `${base}/${gallery}/softdeletedartifacttypes/${String(p.artifactType)}/artifacts/${image}/versions`;
            }
            const query: Record<string, string> = {};
            for (const option of ["$expand", "$select"]) if (p[option] !== undefined) query[option] = String(p[option]);
            const res = await arm(emulator, method, url, op === "create" || op === "update" ? requestBody : undefined, { query });

            assert.ok(Object.keys(ex.responses).includes(String(res.status)), `${file}: status ${res.status} is not among ${Object.keys(ex.responses).join("/")}: ${JSON.stringify(res.body)}`);
            let expected = ex.responses[String(res.status)]?.body;
            if (op === "create" || op === "update") {
                const answers = Object.entries(ex.responses).filter(([code, r]) => code.startsWith("2") && r.body !== undefined).map(([, r]) => r.body as JsonValue);
                expected = common(answers);
            }
            if (op === "list" && isObject(expected) && Array.isArray(expected.value)) {
                // Other tests' resources are listed too: compare the example's item with ours.
                const name = kind === "gallery" ? gallery : kind === "image" ? image : version;
                res.body.value = (Array.isArray(res.body.value) ? res.body.value : []).filter((x) => obj(x).name === name && obj(x).id !== undefined && String(obj(x).id).includes(`/${gallery}`));
                expected = { value: expected.value.slice(0, 1) };
            }
            if (expected !== undefined) {
                assert.deepStrictEqual(missing(futureDates(expected), res.body), [], `${file}: fields missing from the emulator's answer`);
            }
        });
    }
});

