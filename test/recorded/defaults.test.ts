/**
 * Official answers that leave out a documented default, or spell a value their own way. A program
 * that states the documented default (or the value in the spec's spelling) is created against the
 * recorded answers, and the next preview and a refresh must show no change. The oracle of each case
 * is the spec's wording, MUTABILITY.md or an official example, named beside it; each case first
 * checks that the official answer does leave the value out (or spell it otherwise), so it tests
 * what it says.
 */
import { setEnv } from "../support/env";
import * as assert from "assert";
import { Inputs } from "../../provider/schema/types";
import { JsonObject, JsonValue, clone, isObject } from "../../emulator/json";
import { RecordedExample, createExamples, programInputs, recordedAnswers, withState } from "./examples";
import { assertNoProblems, assertNoRequests, changeProblem, check, checkProblems, create, diff, read } from "./engine";
import { ReplayServer, Scenario, startReplay } from "./replay";

const SUBSCRIPTION = "00000000-0000-0000-0000-0000000000ed";

/** The value at a body path (`[]` for every element), as a list of what each element holds. */
function at(body: JsonValue | undefined, path: string): (JsonValue | undefined)[] {
    let cur: (JsonValue | undefined)[] = [body];
    for (const seg of path.split(".")) {
        const list = seg.endsWith("[]");
        const key = list ? seg.slice(0, -2) : seg;
        cur = cur.flatMap((v) => {
            const x = isObject(v) ? v[key] : undefined;
            return list ? (Array.isArray(x) ? x : [undefined]) : [x];
        });
    }
    return cur;
}

interface Case {
    name: string;
    file: string;
    /** Where the case's oracle says so. */
    source: string;
    /** The member of Azure's answer the case is about. */
    member: string;
    /** What the official answer holds there: nothing (`undefined`), or its own spelling. */
    answered: JsonValue | undefined;
    /** The program: the official request with the stated value. */
    state: (inputs: Inputs) => void;
}

const regions = (inputs: Inputs) => ((inputs.publishingProfile as Inputs).targetRegions as Inputs[]) ?? [];
/** A script version's publishing profile: its inputs keep `properties` as the SDK model nests it. */
const scriptProfile = (inputs: Inputs) => (inputs.properties as Inputs).publishingProfile as Inputs;
/** A profile version's target locations: its spec client-flattens `properties`, and so do its inputs. */
const locations = (inputs: Inputs) => (inputs.targetLocations as Inputs[]) ?? [];

const CASES: Case[] = [
    {
        name: "replication mode Full",
        file: "GalleryImageVersion_Create.json",
        source: "MUTABILITY.md (replicationMode): \"Default Full\"",
        member: "properties.publishingProfile.replicationMode",
        answered: undefined,
        state: (i) => ((i.publishingProfile as Inputs).replicationMode = "Full"),
    },
    {
        name: "storage strategy PreferStandard_ZRS",
        file: "GalleryImageVersion_Create.json",
        source: "spec StorageAccountStrategy.PreferStandard_ZRS: \"If no storageAccountStrategy is specified, this is the default strategy (from API version 2025-03-03 onwards)\"",
        member: "properties.publishingProfile.storageAccountStrategy",
        answered: undefined,
        state: (i) => ((i.publishingProfile as Inputs).storageAccountStrategy = "PreferStandard_ZRS"),
    },
    {
        name: "excludeFromLatest false in each region",
        file: "GalleryImageVersion_Create_WithStorageAccountStrategy.json",
        source: "MUTABILITY.md (the examples' echoes): per-region \"`excludeFromLatest: false`\"",
        member: "properties.publishingProfile.targetRegions[].excludeFromLatest",
        answered: undefined,
        state: (i) => regions(i).forEach((r) => (r.excludeFromLatest = false)),
    },
    {
        name: "blockDeletionBeforeEndOfLife false",
        file: "GalleryImageVersion_Create_WithStorageAccountStrategy.json",
        source: "GalleryImageVersion_Get.json reports false for a version that never set it",
        member: "properties.safetyProfile.blockDeletionBeforeEndOfLife",
        answered: undefined,
        state: (i) => (i.safetyProfile = { blockDeletionBeforeEndOfLife: false }),
    },
    {
        name: "an application version's replication mode Full",
        file: "GalleryApplicationVersion_Create.json",
        source: "MUTABILITY.md §8 (replicationMode): \"as for image versions\"; §3: \"Default Full\"",
        member: "properties.publishingProfile.replicationMode",
        answered: undefined,
        state: (i) => ((i.publishingProfile as Inputs).replicationMode = "Full"),
    },
    {
        name: "a script version's replication mode Full",
        file: "GalleryScriptVersion_Create.json",
        source: "MUTABILITY.md §12 (replicationMode, of the shared GalleryArtifactPublishingProfileBase); §3: \"Default Full\"",
        member: "properties.publishingProfile.replicationMode",
        answered: undefined,
        state: (i) => (scriptProfile(i).replicationMode = "Full"),
    },
    {
        // The request and every answer list the locations by name only.
        name: "a profile version's target locations with one replica each",
        file: "GalleryInVMAccessControlProfileVersion_Create.json",
        source: "spec TargetRegion.regionalReplicaCount (shared): a region without its own count takes the version's replicaCount, which a profile version has not; MUTABILITY.md §3: \"Examples echo `1` when not given\"",
        member: "properties.targetLocations[].regionalReplicaCount",
        answered: undefined,
        state: (i) => locations(i).forEach((l) => (l.regionalReplicaCount = 1)),
    },
    {
        name: "a profile version's target locations each in latest",
        file: "GalleryInVMAccessControlProfileVersion_Create.json",
        source: "MUTABILITY.md §10: targetLocations are items of the shared TargetRegion; §3 (the examples' echoes): per-region \"`excludeFromLatest: false`\"",
        member: "properties.targetLocations[].excludeFromLatest",
        answered: undefined,
        state: (i) => locations(i).forEach((l) => (l.excludeFromLatest = false)),
    },
    {
        name: "architecture x64",
        file: "GalleryImage_Create.json",
        source: "MUTABILITY.md (architecture): \"default x64\"",
        member: "properties.architecture",
        answered: undefined,
        state: (i) => (i.architecture = "x64"),
    },
    {
        name: "soft delete off",
        file: "Gallery_Create.json",
        source: "Gallery_Create_SoftDeletionEnabled.json turns soft delete on; Gallery_Create.json's answers carry no policy",
        member: "properties.softDeletePolicy.isSoftDeleteEnabled",
        answered: undefined,
        state: (i) => (i.softDeletePolicy = { isSoftDeleteEnabled: false }),
    },
    {
        name: "sharing permissions Private",
        file: "Gallery_Create.json",
        source: "Gallery_Create.json's answers carry no sharing profile for a gallery never shared; only Groups and Community share (share-gallery-direct.md, share-gallery-community.md)",
        member: "properties.sharingProfile.permissions",
        answered: undefined,
        state: (i) => (i.sharingProfile = { permissions: "Private" }),
    },
    {
        name: "identity type None",
        file: "Gallery_Create.json",
        source: "spec GalleryIdentity.type: \"The type 'None' will remove all identities from the gallery\"",
        member: "identity.type",
        answered: undefined,
        state: (i) => (i.identity = { type: "None" }),
    },
    {
        // The request sends no edge zones; Azure's 200 answer lists two, each "StandardSSD_LRS(default)".
        name: "an edge zone's storage type StandardSSD_LRS, answered \"StandardSSD_LRS(default)\"",
        file: "GalleryImageVersion_Create_WithTargetExtendedLocations.json",
        source: "GalleryImageVersion_Create_WithTargetExtendedLocations.json, 200 answer; spec EdgeZoneStorageAccountType lists StandardSSD_LRS",
        member: "properties.publishingProfile.targetExtendedLocations[].storageAccountType",
        answered: "StandardSSD_LRS(default)",
        state: (i) =>
            ((i.publishingProfile as Inputs).targetExtendedLocations = [
                { name: "West US", extendedLocation: { name: "microsoftlosangeles1", type: "EdgeZone" }, extendedLocationReplicaCount: 1, storageAccountType: "StandardSSD_LRS" },
                { name: "East US", extendedLocation: { name: "microsoftnewyork1", type: "EdgeZone" }, extendedLocationReplicaCount: 1, storageAccountType: "StandardSSD_LRS" },
            ]),
    },
];

function resourcePath(ex: RecordedExample): string {
    const p = ex.parameters;
    let path = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${String(p.resourceGroupName)}/providers/Microsoft.Compute/galleries/${String(p.galleryName)}`;
    if (ex.kind === "galleryImage" || ex.kind === "galleryImageVersion") path += `/images/${String(p.galleryImageName)}`;
    if (ex.kind === "galleryImageVersion") path += `/versions/${String(p.galleryImageVersionName)}`;
    if (ex.kind === "galleryApplication" || ex.kind === "galleryApplicationVersion") path += `/applications/${String(p.galleryApplicationName)}`;
    if (ex.kind === "galleryApplicationVersion") path += `/versions/${String(p.galleryApplicationVersionName)}`;
    if (ex.kind === "galleryScript" || ex.kind === "galleryScriptVersion") path += `/scripts/${String(p.galleryScriptName)}`;
    if (ex.kind === "galleryScriptVersion") path += `/versions/${String(p.galleryScriptVersionName)}`;
    if (ex.kind === "galleryInVMAccessControlProfile" || ex.kind === "galleryInVMAccessControlProfileVersion") path += `/inVMAccessControlProfiles/${String(p.inVMAccessControlProfileName)}`;
    if (ex.kind === "galleryInVMAccessControlProfileVersion") path += `/versions/${String(p.inVMAccessControlProfileVersionName)}`;
    return path;
}

describe("recorded Azure answers that leave a documented default out, or spell a value their own way: no change", function () {
    let server: ReplayServer;
    const saved = { ...process.env };
    const examples = createExamples();

    before(async () => {
        const certDir = process.env.EMULATOR_CERT_DIR;
        if (!certDir) throw new Error("Set EMULATOR_CERT_DIR to the CA folder and NODE_EXTRA_CA_CERTS to its ca.pem (see test/support/runTests.ts).");
        server = await startReplay(certDir);
        Object.assign(process.env, { ARM_ENDPOINT: server.endpoint, ARM_ACCESS_TOKEN: "recorded-token", ARM_SUBSCRIPTION_ID: SUBSCRIPTION });
    });
    after(async () => {
        setEnv(saved);
        await server?.stop();
    });

    for (const c of CASES) {
        it(`${c.name} (${c.file}; ${c.source})`, async () => {
            const ex = examples.find((e) => e.file === c.file);
            assert.ok(ex, `${c.file} is an official create example`);
            const answers = recordedAnswers(ex);
            // The resource as it stands holds Azure's value; the PUT's answer, mid-creation, holds it or nothing yet.
            const held = at(answers.getBody, c.member);
            assert.ok(held.every((v) => v === c.answered), `the official answer holds ${JSON.stringify(held)} at ${c.member}, not ${JSON.stringify(c.answered)}`);
            const early = at(answers.putBody, c.member);
            assert.ok(early.every((v) => v === c.answered || v === undefined), `the official PUT answer holds ${JSON.stringify(early)} at ${c.member}`);
            const scenario: Scenario = { resourcePath: resourcePath(ex), put: { status: answers.putStatus, body: withState(answers.putBody, "Succeeded"), async: false }, get: clone(answers.getBody as JsonObject) };
            server.load(scenario);
            const program = (): Inputs => {
                const inputs = programInputs(ex).inputs as Inputs;
                c.state(inputs);
                return { ...inputs, __urn: `urn:pulumi:recorded::defaults::pulumi-nodejs:dynamic/azure-compute-gallery:${ex.kind}::${ex.file.replace(/\.json$/, "")}` };
            };
            const first = await check(ex.kind, {}, program());
            const { id, outs } = await create(ex.kind, first.inputs);
            let mark = server.requests.length;
            const again = await check(ex.kind, first.inputs, program());
            const preview = await diff(ex.kind, id, outs, again.inputs);
            assertNoRequests(server, mark, "check and diff at preview");
            const refreshed = await read(ex.kind, id, outs);
            assert.ok(refreshed.props, "read found the resource");
            mark = server.requests.length;
            const afterRefresh = await diff(ex.kind, refreshed.id ?? id, refreshed.props, again.inputs);
            assertNoRequests(server, mark, "diff after refresh");
            assertNoProblems([
                ...checkProblems(first, c.file),
                changeProblem(ex.kind, preview, outs, again.inputs, "the next preview"),
                changeProblem(ex.kind, afterRefresh, refreshed.props, again.inputs, "the preview after a refresh"),
            ]);
        });
    }
});
