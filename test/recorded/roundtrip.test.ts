/**
 * The recorded-answer round trip. For every official create example, the program writes the
 * example's request; a local server answers with the example's recorded responses (Azure's own
 * answers, not the provider's idea of them). After create, the next preview and a refresh must show
 * no change, and neither check nor diff may call Azure. Variants: synchronous and asynchronous
 * answers, ids re-cased as ARM re-cases them, and a program that writes short region names where
 * Azure answers display names.
 */
import { setEnv } from "../support/env";
import * as assert from "assert";
import { MARK_TAGS, OWNER_TAG } from "../../provider/ownership";
import { Inputs } from "../../provider/schema/types";
import { JsonObject, JsonValue, isObject } from "../../emulator/json";
import {
    RecordedExample,
    createExamples,
    liftBody,
    programInputs,
    recaseIds,
    recordedAnswers,
    shortRegionInputs,
    withState,
} from "./examples";
import { assertCreateExchange, assertNoProblems, assertNoRequests, assertNothingUnexpected, changeProblem, check, checkProblems, create, diff, read } from "./engine";
import { ReplayServer, Scenario, startReplay } from "./replay";

const SUBSCRIPTION = "00000000-0000-0000-0000-0000000000ee";

interface Variant {
    name: string;
    async: boolean;
    recaseIds: boolean;
    shortRegions: boolean;
}

const VARIANTS: Variant[] = [
    { name: "sync", async: false, recaseIds: false, shortRegions: false },
    { name: "async", async: true, recaseIds: false, shortRegions: false },
    { name: "sync, ids re-cased", async: false, recaseIds: true, shortRegions: false },
    { name: "async, ids re-cased", async: true, recaseIds: true, shortRegions: false },
    { name: "sync, program writes short region names", async: false, recaseIds: false, shortRegions: true },
    { name: "async, program writes short region names", async: true, recaseIds: false, shortRegions: true },
];

const TYPES = {
    gallery: "Gallery",
    galleryImage: "GalleryImage",
    galleryImageVersion: "GalleryImageVersion",
    galleryApplication: "GalleryApplication",
    galleryApplicationVersion: "GalleryApplicationVersion",
    galleryScript: "GalleryScript",
    galleryScriptVersion: "GalleryScriptVersion",
    galleryInVMAccessControlProfile: "GalleryInVMAccessControlProfile",
    galleryInVMAccessControlProfileVersion: "GalleryInVMAccessControlProfileVersion",
} as const;

/** The program's inputs as the engine hands them to Check (with the URN the resource class adds); a fresh object each call. */
function program(ex: RecordedExample, v: Variant): Inputs {
    const { inputs } = programInputs(ex);
    const written = v.shortRegions ? shortRegionInputs(inputs) : inputs;
    return { ...written, __urn: `urn:pulumi:recorded::roundtrip::pulumi-nodejs:dynamic/azure-compute-gallery:${TYPES[ex.kind]}::${ex.file.replace(/\.json$/, "")}` };
}

function resourcePath(ex: RecordedExample): string {
    const p = ex.parameters;
    let at = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${String(p.resourceGroupName)}/providers/Microsoft.Compute/galleries/${String(p.galleryName)}`;
    if (ex.kind === "galleryImage" || ex.kind === "galleryImageVersion") at += `/images/${String(p.galleryImageName)}`;
    if (ex.kind === "galleryImageVersion") at += `/versions/${String(p.galleryImageVersionName)}`;
    if (ex.kind === "galleryApplication" || ex.kind === "galleryApplicationVersion") at += `/applications/${String(p.galleryApplicationName)}`;
    if (ex.kind === "galleryApplicationVersion") at += `/versions/${String(p.galleryApplicationVersionName)}`;
    if (ex.kind === "galleryScript" || ex.kind === "galleryScriptVersion") at += `/scripts/${String(p.galleryScriptName)}`;
    if (ex.kind === "galleryScriptVersion") at += `/versions/${String(p.galleryScriptVersionName)}`;
    if (ex.kind === "galleryInVMAccessControlProfile" || ex.kind === "galleryInVMAccessControlProfileVersion") at += `/inVMAccessControlProfiles/${String(p.inVMAccessControlProfileName)}`;
    if (ex.kind === "galleryInVMAccessControlProfileVersion") at += `/versions/${String(p.inVMAccessControlProfileVersionName)}`;
    return at;
}

/** The example's answers; sync answers the PUT with the final body, async answers it as recorded. */
function scenario(ex: RecordedExample, v: Variant): Scenario {
    const a = recordedAnswers(ex);
    const answer = (b: JsonObject): JsonObject => (v.recaseIds ? (recaseIds(b) as JsonObject) : b);
    return {
        resourcePath: resourcePath(ex),
        put: { status: a.putStatus, body: answer(v.async ? a.putBody : withState(a.putBody, "Succeeded")), async: v.async },
        get: answer(a.getBody),
    };
}

/** The value with each end-of-life date (the requests' date-time members) in one spelling. */
function sameInstants(v: JsonValue): JsonValue {
    if (Array.isArray(v)) return v.map(sameInstants);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "endOfLifeDate" && typeof x === "string" ? new Date(x).toISOString() : sameInstants(x as JsonValue)]));
    return v;
}

describe("recorded Azure answers: create, then the next preview and a refresh change nothing", function () {
    let server: ReplayServer;
    const saved = { ...process.env };
    const examples = createExamples();

    before(async () => {
        const certDir = process.env.EMULATOR_CERT_DIR;
        if (!certDir) throw new Error("Set EMULATOR_CERT_DIR to the CA folder and NODE_EXTRA_CA_CERTS to its ca.pem (see test/support/runTests.ts).");
        server = await startReplay(certDir);
        Object.assign(process.env, {
            ARM_ENDPOINT: server.endpoint,
            ARM_ACCESS_TOKEN: "recorded-token",
            ARM_SUBSCRIPTION_ID: SUBSCRIPTION,
            AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "5",
        });
    });
    after(async () => {
        setEnv(saved);
        await server?.stop();
    });

    it("finds every create example of the nine kinds", () => {
        assert.deepStrictEqual(
            examples.map((e) => e.file),
            [
                "CommunityGallery_Create.json",
                "GalleryApplicationVersion_Create.json",
                "GalleryApplication_Create.json",
                "GalleryImageVersion_Create.json",
                "GalleryImageVersion_Create_WithAdditionalReplicaSets.json",
                "GalleryImageVersion_Create_WithCommunityImageVersionAsSource.json",
                "GalleryImageVersion_Create_WithImageVersionAsSource.json",
                "GalleryImageVersion_Create_WithShallowReplicationMode.json",
                "GalleryImageVersion_Create_WithSnapshotsAsSource.json",
                "GalleryImageVersion_Create_WithStorageAccountStrategy.json",
                "GalleryImageVersion_Create_WithTargetExtendedLocations.json",
                "GalleryImageVersion_Create_WithVHD.json",
                "GalleryImageVersion_Create_WithVHD_UefiSettings.json",
                "GalleryImageVersion_Create_WithVmAsSource.json",
                "GalleryImage_Create.json",
                "GalleryInVMAccessControlProfileVersion_Create.json",
                "GalleryInVMAccessControlProfile_Create.json",
                "GalleryScriptVersion_Create.json",
                "GalleryScript_Create.json",
                "Gallery_Create.json",
                "Gallery_Create_SoftDeletionEnabled.json",
                "Gallery_Create_WithManagedIdentity.json",
                "Gallery_Create_WithSharingProfile.json",
            ],
        );
    });

    /**
     * Check and create as the engine does for a new resource. A refusal by check is collected rather
     * than thrown, and create goes on with the checked inputs, so one failure shows every problem.
     */
    async function checkAndCreate(ex: RecordedExample, v: Variant): Promise<{ checked: Inputs; id: string; outs: Inputs; problems: string[] }> {
        server.load(scenario(ex, v));
        let mark = server.requests.length;
        const first = await check(ex.kind, {}, program(ex, v));
        assertNoRequests(server, mark, "check");
        mark = server.requests.length;
        const created = await create(ex.kind, first.inputs);
        assertCreateExchange(server.since(mark));
        return { checked: first.inputs, ...created, problems: checkProblems(first, `${ex.file} (${v.name})`) };
    }

    for (const ex of examples) {
        describe(ex.file, () => {
            for (const v of VARIANTS) {
                it(`${ex.file} (${v.name}): no change on the next preview`, async () => {
                    const { checked, id, outs, problems } = await checkAndCreate(ex, v);
                    // Next preview: Check(olds = previous inputs, news = the same program), Diff(olds = outputs, news = checked).
                    const mark = server.requests.length;
                    const again = await check(ex.kind, checked, program(ex, v));
                    const d = await diff(ex.kind, id, outs, again.inputs);
                    assertNoRequests(server, mark, "check and diff at preview");
                    assertNoProblems([...problems, changeProblem(ex.kind, d, outs, again.inputs, "the next preview")]);
                });

                it(`${ex.file} (${v.name}): no change after a refresh`, async () => {
                    const { checked, id, outs, problems } = await checkAndCreate(ex, v);
                    let mark = server.requests.length;
                    const refreshed = await read(ex.kind, id, outs);
                    assertNothingUnexpected(server.since(mark), "read");
                    assert.ok(refreshed.props, "read found the resource");
                    mark = server.requests.length;
                    const again = await check(ex.kind, checked, program(ex, v));
                    const d = await diff(ex.kind, refreshed.id ?? id, refreshed.props, again.inputs);
                    assertNoRequests(server, mark, "check and diff after refresh");
                    assertNoProblems([...problems, changeProblem(ex.kind, d, refreshed.props, again.inputs, "the preview after a refresh")]);
                });
            }

            // Azure's recorded request is an oracle too: what the provider PUTs should be what the example sends.
            it(`${ex.file} (sync): the PUT carries the official request`, async () => {
                const v = VARIANTS[0];
                const mark = server.requests.length;
                const { problems } = await checkAndCreate(ex, v);
                const put = server.since(mark).find((r) => r.method === "PUT");
                const { inputs, dropped } = programInputs(ex);
                assert.deepStrictEqual(dropped, [], `${ex.file}: members of the official request the provider's inputs cannot express`);
                for (const name of ["resourceGroupName", "galleryName", "galleryImageName", "galleryImageVersionName", "galleryApplicationName", "galleryApplicationVersionName", "galleryScriptName", "galleryScriptVersionName", "inVMAccessControlProfileName", "inVMAccessControlProfileVersionName"]) delete inputs[name];
                const sent = liftBody(ex.kind, put?.body ?? null).inputs;
                // Beside the official request, a create carries the provider's ownership mark (ownership.ts).
                const tags = (sent.tags ?? {}) as Record<string, string>;
                assert.match(tags[OWNER_TAG] ?? "", /^urn:pulumi:/, `${ex.file}: the create is marked with its stack resource`);
                for (const t of MARK_TAGS) delete tags[t];
                if (Object.keys(tags).length === 0) delete sent.tags;
                // The SDK writes a date-time as Date.toISOString does ("2099-01-01T00:00:00.000Z"): the same instant.
                assert.deepStrictEqual(sameInstants(sent), sameInstants(inputs), `${ex.file}: the PUT body differs from the recorded request (lifted to input form)`);
                assertNoProblems(problems);
            });
        });
    }
});
