/**
 * A property test of the diff: random programs, random edits, and random Azure answers to the old
 * program (ids re-cased, regions as display names, fields Azure fills in). The oracle is the
 * mutability table of test/azure-spec/MUTABILITY.md, restated below field by field, and the
 * spelling rules of ARM (ids and names without case, regions by display name):
 * - replace if and only if a create-only value changed (as Azure compares it);
 * - an edit of updatable fields alone never replaces (never deletes a published version);
 * - the same program against any Azure spelling of its answer is no change.
 */
import * as assert from "assert";
import fc from "fast-check";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { recaseArmId } from "../emulator/echo";
import { recaseArmId as recordedRecase } from "../recorded/examples";
import { RESOURCE_GROUP, SUBSCRIPTION } from "../support/emulator";

const RUNS = 300;

/** ARM's ways of writing an id back: as sent, as the emulator's and the recorded tests' re-casing write it, lower-cased segments, upper-cased names. */
const idSpelling = fc.constantFrom(
    (id: string) => id,
    recaseArmId,
    recordedRecase,
    (id: string) => id.replace("/resourceGroups/", "/resourcegroups/").replace("/providers/Microsoft.Compute/", "/providers/microsoft.compute/"),
    (id: string) => id.replace(/\/([^/]+)$/, (_m, n: string) => `/${n.toUpperCase()}`).replace(/resourceGroups\/([^/]+)/, (_m, g: string) => `resourceGroups/${g.toUpperCase()}`),
    (id: string) => id.toLowerCase(),
);
type Spell = (id: string) => string;

/** Regions as a program writes them and as Azure answers them. */
const REGIONS: [string, string][] = [
    ["westus", "West US"],
    ["eastus", "East US"],
    ["northeurope", "North Europe"],
    ["westeurope", "West Europe"],
];
const display = (short: string) => REGIONS.find(([s]) => s === short)?.[1] ?? short;

const sourceId = (n: number) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden-${n}`;

// ---------- image versions ----------

interface VersionProgram {
    source: number;
    replicationMode?: "Full" | "Shallow";
    storageAccountType?: "Standard_LRS" | "Premium_LRS";
    replicaCount?: number;
    excludeFromLatest?: boolean;
    regions: { name: string; count?: number; exclude?: boolean }[];
    tags?: Record<string, string>;
}

const versionProgram: fc.Arbitrary<VersionProgram> = fc.record(
    {
        source: fc.integer({ min: 1, max: 2 }),
        replicationMode: fc.constantFrom("Full" as const, "Shallow" as const),
        storageAccountType: fc.constantFrom("Standard_LRS" as const, "Premium_LRS" as const),
        replicaCount: fc.integer({ min: 1, max: 5 }),
        excludeFromLatest: fc.boolean(),
        regions: fc.subarray(REGIONS.slice(1).map(([s]) => s)).chain((extra) =>
            fc.tuple(...["westus", ...extra].map((name) => fc.record({ name: fc.constant(name), count: fc.integer({ min: 1, max: 5 }), exclude: fc.boolean() }, { requiredKeys: ["name"] }))),
        ),
        tags: fc.dictionary(fc.constantFrom("team", "build"), fc.constantFrom("a", "b")),
    },
    { requiredKeys: ["source", "regions"] },
);

function versionInputs(p: VersionProgram): Inputs {
    const pp: Inputs = {
        targetRegions: p.regions.map((r) => ({
            name: r.name,
            ...(r.count !== undefined ? { regionalReplicaCount: r.count } : {}),
            ...(r.exclude !== undefined ? { excludeFromLatest: r.exclude } : {}),
        })),
    };
    if (p.replicationMode) pp.replicationMode = p.replicationMode;
    if (p.storageAccountType) pp.storageAccountType = p.storageAccountType;
    if (p.replicaCount !== undefined) pp.replicaCount = p.replicaCount;
    if (p.excludeFromLatest !== undefined) pp.excludeFromLatest = p.excludeFromLatest;
    return {
        resourceGroupName: RESOURCE_GROUP,
        galleryName: "golden",
        galleryImageName: "ubuntu",
        galleryImageVersionName: "1.0.0",
        location: "westus",
        storageProfile: { source: { id: sourceId(p.source) } },
        publishingProfile: pp,
        // Removing replicated regions is allowed, so that no edit is refused before its diff.
        safetyProfile: { allowDeletionOfReplicatedLocations: true },
        ...(p.tags ? { tags: p.tags } : {}),
    };
}

/** What Azure answers for a version (GalleryImageVersion_Create_WithVmAsSource.json and the spec's defaults). */
function versionAnswer(p: VersionProgram, spell: Spell): Inputs {
    const replicaCount = p.replicaCount ?? 1;
    return {
        ...versionInputs(p),
        location: display("westus"),
        storageProfile: {
            source: { id: spell(sourceId(p.source)) },
            // A whole-image source reports its disk layout.
            osDiskImage: { sizeInGB: 30, hostCaching: "ReadWrite" },
            dataDiskImages: [{ lun: 0, sizeInGB: 64, hostCaching: "None" }],
        },
        publishingProfile: {
            targetRegions: p.regions.map((r) => ({
                name: display(r.name),
                regionalReplicaCount: r.count ?? replicaCount,
                storageAccountType: p.storageAccountType ?? "Standard_LRS",
                excludeFromLatest: r.exclude ?? false,
            })),
            replicaCount,
            excludeFromLatest: p.excludeFromLatest ?? false,
            storageAccountType: p.storageAccountType ?? "Standard_LRS",
            // Older api-versions leave the replication mode out of the answer when it is Full.
            ...(p.replicationMode === "Shallow" ? { replicationMode: "Shallow" } : {}),
            publishedDate: "2026-11-01T00:00:00Z",
        },
        safetyProfile: { allowDeletionOfReplicatedLocations: true, blockDeletionBeforeEndOfLife: false, reportedForPolicyViolation: false },
    };
}

/**
 * MUTABILITY.md §3: the source, replicationMode ("Default Full") and the global storageAccountType
 * are "not updatable"; the rest here (target regions, counts, excludeFromLatest, tags) is.
 * A field the new program leaves out keeps Azure's value.
 */
function versionCreateOnlyChanged(before: VersionProgram, after: VersionProgram): boolean {
    if (before.source !== after.source) return true;
    if (after.replicationMode !== undefined && after.replicationMode !== (before.replicationMode ?? "Full")) return true;
    return after.storageAccountType !== undefined && after.storageAccountType !== (before.storageAccountType ?? "Standard_LRS");
}

// ---------- image definitions ----------

interface ImageProgram {
    osType: "Linux" | "Windows";
    hyperVGeneration?: "V1" | "V2";
    architecture?: "x64" | "Arm64";
    sku: string;
    description?: string;
    securityType?: "Standard" | "TrustedLaunchSupported";
}

const imageProgram: fc.Arbitrary<ImageProgram> = fc.record(
    {
        osType: fc.constantFrom("Linux" as const, "Windows" as const),
        hyperVGeneration: fc.constantFrom("V1" as const, "V2" as const),
        architecture: fc.constantFrom("x64" as const, "Arm64" as const),
        sku: fc.constantFrom("24_04", "22_04"),
        description: fc.constantFrom("golden", "base"),
        securityType: fc.constantFrom("Standard" as const, "TrustedLaunchSupported" as const),
    },
    { requiredKeys: ["osType", "sku"] },
);

const imageInputs = (p: ImageProgram): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    galleryImageName: "ubuntu",
    location: "westus",
    osType: p.osType,
    osState: "Generalized",
    identifier: { publisher: "contoso", offer: "ubuntu", sku: p.sku },
    ...(p.hyperVGeneration ? { hyperVGeneration: p.hyperVGeneration } : {}),
    ...(p.architecture ? { architecture: p.architecture } : {}),
    ...(p.description ? { description: p.description } : {}),
    // Trusted launch needs Gen2: a V1 program never asks for it.
    ...(p.securityType && p.hyperVGeneration !== "V1" ? { securityType: p.securityType } : {}),
});

/** Azure's answer: V2 by default (api-version 2025-03-03 on), x64 sometimes left out, a security type it applied. */
const imageAnswer = (p: ImageProgram, casing: (s: string) => string): Inputs => ({
    ...imageInputs(p),
    location: display("westus"),
    osType: casing(p.osType),
    hyperVGeneration: p.hyperVGeneration ?? "V2",
    ...(p.architecture === "Arm64" ? { architecture: "Arm64" } : {}),
    securityType: p.securityType && p.hyperVGeneration !== "V1" ? p.securityType : "TrustedLaunchSupported",
});

/** MUTABILITY.md §2: osType, osState, identifier, hyperVGeneration and architecture are not updatable. */
function imageCreateOnlyChanged(before: ImageProgram, after: ImageProgram): boolean {
    if (before.osType !== after.osType || before.sku !== after.sku) return true;
    if (after.hyperVGeneration !== undefined && after.hyperVGeneration !== (before.hyperVGeneration ?? "V2")) return true;
    return after.architecture !== undefined && after.architecture !== (before.architecture ?? "x64");
}

// ---------- galleries ----------

interface GalleryProgram {
    location: string;
    description?: string;
    identity?: { type: "SystemAssigned" | "UserAssigned"; ids: string[] };
    softDelete?: boolean;
}

const UAI = (n: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`;

const galleryProgram: fc.Arbitrary<GalleryProgram> = fc.record(
    {
        location: fc.constantFrom("westus", "eastus"),
        description: fc.constantFrom("golden", "base"),
        identity: fc.oneof(
            fc.record({ type: fc.constant("SystemAssigned" as const), ids: fc.constant<string[]>([]) }),
            fc.record({ type: fc.constant("UserAssigned" as const), ids: fc.subarray(["a", "b", "c"], { minLength: 1 }) }),
        ),
        softDelete: fc.boolean(),
    },
    { requiredKeys: ["location"] },
);

const galleryInputs = (p: GalleryProgram): Inputs => ({
    resourceGroupName: RESOURCE_GROUP,
    galleryName: "golden",
    location: p.location,
    ...(p.description ? { description: p.description } : {}),
    ...(p.identity ? { identity: { type: p.identity.type, ...(p.identity.ids.length ? { userAssignedIdentities: Object.fromEntries(p.identity.ids.map((i) => [UAI(i), {}])) } : {}) } } : {}),
    ...(p.softDelete !== undefined ? { softDeletePolicy: { isSoftDeleteEnabled: p.softDelete } } : {}),
});

/** Azure's answer (Gallery_Get_WithManagedIdentity.json): principal ids filled in, identity keys re-cased. */
const galleryAnswer = (p: GalleryProgram, spell: Spell): Inputs => ({
    ...galleryInputs(p),
    location: display(p.location),
    ...(p.identity
        ? {
              identity: {
                  type: p.identity.type,
                  principalId: "11111111-1111-1111-1111-111111111111",
                  tenantId: "22222222-2222-2222-2222-222222222222",
                  ...(p.identity.ids.length ? { userAssignedIdentities: Object.fromEntries(p.identity.ids.map((i) => [spell(UAI(i)), { principalId: "3", clientId: "4" }])) } : {}),
              },
          }
        : {}),
});

// ---------- the properties ----------

async function previewOf(kind: "gallery" | "galleryImage" | "galleryImageVersion", oldInputs: Inputs, answer: Inputs, newInputs: Inputs) {
    const checked = await providers[kind].check!(oldInputs, newInputs);
    assert.deepStrictEqual(checked.failures, []);
    return providers[kind].diff!("id", answer, checked.inputs);
}

describe("diff, property-based: replace exactly when a create-only value changes", function () {
    this.timeout(120_000);

    it("image versions", async () => {
        await fc.assert(
            fc.asyncProperty(versionProgram, versionProgram, idSpelling, async (before, after, spell: Spell) => {
                const d = await previewOf("galleryImageVersion", versionInputs(before), versionAnswer(before, spell), versionInputs(after));
                const replaces = (d.replaces ?? []).length > 0;
                assert.strictEqual(replaces, versionCreateOnlyChanged(before, after), JSON.stringify(d));
                if (!versionCreateOnlyChanged(before, after)) assert.deepStrictEqual(d.replaces, [], "an updatable change never deletes the version");
            }),
            { numRuns: RUNS },
        );
    });

    it("galleries (MUTABILITY.md §1: location is fixed; description, identity and soft delete change in place)", async () => {
        await fc.assert(
            fc.asyncProperty(galleryProgram, galleryProgram, idSpelling, async (before, after, spell: Spell) => {
                const d = await previewOf("gallery", galleryInputs(before), galleryAnswer(before, spell), galleryInputs(after));
                assert.strictEqual((d.replaces ?? []).length > 0, before.location !== after.location, JSON.stringify(d));
            }),
            { numRuns: RUNS },
        );
    });

    it("image definitions", async () => {
        await fc.assert(
            fc.asyncProperty(imageProgram, imageProgram, fc.constantFrom((s: string) => s, (s: string) => s.toLowerCase(), (s: string) => s.toUpperCase()), async (before, after, casing) => {
                const d = await previewOf("galleryImage", imageInputs(before), imageAnswer(before, casing), imageInputs(after));
                assert.strictEqual((d.replaces ?? []).length > 0, imageCreateOnlyChanged(before, after), JSON.stringify(d));
            }),
            { numRuns: RUNS },
        );
    });
});

/** The same program, against any of Azure's spellings of its answer, is no change. */
function quietUnderAnySpelling<P, S>(kind: "gallery" | "galleryImage" | "galleryImageVersion", programs: fc.Arbitrary<P>, spellings: fc.Arbitrary<S>, inputs: (p: P) => Inputs, answer: (p: P, s: S) => Inputs) {
    return fc.assert(
        fc.asyncProperty(programs, spellings, async (p, spell) => {
            const d = await previewOf(kind, inputs(p), answer(p, spell), inputs(p));
            assert.deepStrictEqual([d.changes, d.replaces], [false, []], JSON.stringify(d));
        }),
        { numRuns: RUNS },
    );
}

describe("diff, property-based: Azure's spelling of the same program is no change", () => {
    it("image versions", () => quietUnderAnySpelling("galleryImageVersion", versionProgram, idSpelling, versionInputs, versionAnswer));
    it("galleries", () => quietUnderAnySpelling("gallery", galleryProgram, idSpelling, galleryInputs, galleryAnswer));
    it("image definitions", () =>
        quietUnderAnySpelling("galleryImage", imageProgram, fc.constantFrom((s: string) => s.toLowerCase(), (s: string) => s.toUpperCase()), imageInputs, imageAnswer));
});
