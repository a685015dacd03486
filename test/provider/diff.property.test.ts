/**
 * A property test of the diff: random programs, random edits, and random Azure answers to the old
 * program (ids re-cased, regions as display names, fields Azure fills in, documented defaults left
 * out), read on a machine in a random time zone. The oracle is the mutability table of
 * azure-spec/MUTABILITY.md, restated below field by field, the documented defaults (sources beside
 * each), RFC 3339 for dates, and the spelling rules of ARM (ids and names without case, regions by
 * display name):
 * - replace if and only if a create-only value changed (as Azure compares it);
 * - an edit of updatable fields alone never replaces (never deletes a published version);
 * - the same program against any Azure spelling of its answer is no change;
 * - a program stating a documented default and one leaving it out are the same program;
 * - the same instant written with any offset is no change;
 * - a value unknown at preview (an object, a list, an element or a scalar, at any depth) is never
 *   refused and never "no change", and plans a replacement if and only if it can hold a create-only value.
 */
import * as assert from "assert";
import fc from "fast-check";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { recaseArmId } from "../../emulator/echo";
import { recaseArmId as recordedRecase } from "../recorded/examples";
import { RESOURCE_GROUP, SUBSCRIPTION } from "../support/emulator";
import { ZONES, inZone } from "../support/zones";

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

// ---------- dates: one instant, many spellings ----------

/** An instant (whole seconds, 2031-2099: in the future) and how a program writes it (RFC 3339 §5.6). */
interface Spelled {
    at: number;
    /** The offset written, in minutes: any RFC 3339 allows that the service reads (within ±14:00, ERRORS.md). */
    offset: number;
    fraction: "" | ".000" | ".0000000";
    /** "T" and "Z" in lower case (RFC 3339 §5.6 NOTE), and Z rather than +00:00 for UTC. */
    lower: boolean;
    z: boolean;
}

const instant = fc.integer({ min: Date.UTC(2031, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }).map((s) => s * 1000);
const spelling = (at: number): fc.Arbitrary<Spelled> =>
    fc.record({ at: fc.constant(at), offset: fc.integer({ min: -14 * 60, max: 14 * 60 }), fraction: fc.constantFrom("" as const, ".000" as const, ".0000000" as const), lower: fc.boolean(), z: fc.boolean() });

const two = (n: number) => String(n).padStart(2, "0");

/** The wall-clock time at that offset, and the offset, as RFC 3339 writes them. */
function spell(d: Spelled): string {
    const wall = new Date(d.at + d.offset * 60_000).toISOString().slice(0, 19);
    const zone = d.offset === 0 && d.z ? "Z" : `${d.offset < 0 ? "-" : "+"}${two(Math.floor(Math.abs(d.offset) / 60))}:${two(Math.abs(d.offset) % 60)}`;
    const text = `${wall}${d.fraction}${zone}`;
    return d.lower ? text.replace("T", "t").replace("Z", "z") : text;
}

/** As Azure answers a date (the SDK reads it into a Date; the provider reports its ISO string). */
const asAzure = (at: number) => new Date(at).toISOString();

// ---------- image versions ----------

interface VersionProgram {
    source: number;
    replicationMode?: "Full" | "Shallow";
    storageAccountType?: "Standard_LRS" | "Premium_LRS";
    replicaCount?: number;
    excludeFromLatest?: boolean;
    regions: { name: string; count?: number; exclude?: boolean }[];
    tags?: Record<string, string>;
    endOfLife?: Spelled;
    /** Only ever stated as its default, false: true with a future end of life blocks the replacements the properties plan. */
    blockDeletion?: false;
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
        endOfLife: instant.chain(spelling),
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
    if (p.endOfLife) pp.endOfLifeDate = spell(p.endOfLife);
    return {
        resourceGroupName: RESOURCE_GROUP,
        galleryName: "golden",
        galleryImageName: "ubuntu",
        galleryImageVersionName: "1.0.0",
        location: "westus",
        storageProfile: { source: { id: sourceId(p.source) } },
        publishingProfile: pp,
        // Removing replicated regions is allowed, so that no edit is refused before its diff.
        safetyProfile: { allowDeletionOfReplicatedLocations: true, ...(p.blockDeletion !== undefined ? { blockDeletionBeforeEndOfLife: p.blockDeletion } : {}) },
        ...(p.tags ? { tags: p.tags } : {}),
    };
}

/**
 * What Azure answers for a version (GalleryImageVersion_Create_WithVmAsSource.json and the spec's
 * defaults); `leavesDefaultsOut`: an answer that leaves out every member at its documented default.
 */
function versionAnswer(p: VersionProgram, spell: Spell, leavesDefaultsOut = false): Inputs {
    const replicaCount = p.replicaCount ?? 1;
    const unless = <T>(isDefault: boolean, member: T): T | Record<string, never> => (leavesDefaultsOut && isDefault ? {} : member);
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
                ...unless((r.count ?? replicaCount) === replicaCount, { regionalReplicaCount: r.count ?? replicaCount }),
                storageAccountType: p.storageAccountType ?? "Standard_LRS",
                // A region without a flag of its own follows the version's (spec TargetRegion / publishing profile).
                ...unless((r.exclude ?? p.excludeFromLatest ?? false) === (p.excludeFromLatest ?? false), { excludeFromLatest: r.exclude ?? p.excludeFromLatest ?? false }),
            })),
            ...unless(replicaCount === 1, { replicaCount }),
            ...unless((p.excludeFromLatest ?? false) === false, { excludeFromLatest: p.excludeFromLatest ?? false }),
            storageAccountType: p.storageAccountType ?? "Standard_LRS",
            // Older api-versions leave the replication mode out of the answer when it is Full.
            ...(p.replicationMode === "Shallow" ? { replicationMode: "Shallow" } : {}),
            ...(p.endOfLife ? { endOfLifeDate: asAzure(p.endOfLife.at) } : {}),
            publishedDate: "2026-11-01T00:00:00Z",
        },
        safetyProfile: { allowDeletionOfReplicatedLocations: true, ...unless(true, { blockDeletionBeforeEndOfLife: false }), reportedForPolicyViolation: false },
    };
}

/**
 * Documented defaults a version's program may state or leave out: the version's replicaCount 1 (the
 * create examples answer 1 to a request without it; GalleryImageVersion_Create.json), a region's count
 * the version's (spec: replicaCount "would take effect for a region when regionalReplicaCount is not
 * specified"), replicationMode Full (MUTABILITY.md §3: "Default Full"), excludeFromLatest false (spec:
 * "If set to true …"), a region's excludeFromLatest the version's (the examples answer false for a
 * region of a version in latest), blockDeletionBeforeEndOfLife false
 * (GalleryImageVersion_Get.json answers false).
 */
const VERSION_DEFAULTS = ["replicaCount", "regionCount", "replicationMode", "excludeFromLatest", "regionExclude", "blockDeletion"] as const;

function versionStating(p: VersionProgram, stated: readonly (typeof VERSION_DEFAULTS)[number][]): VersionProgram {
    const has = (d: (typeof VERSION_DEFAULTS)[number]) => stated.includes(d);
    return {
        ...p,
        ...(has("replicaCount") ? { replicaCount: p.replicaCount ?? 1 } : {}),
        ...(has("replicationMode") ? { replicationMode: p.replicationMode ?? "Full" } : {}),
        ...(has("excludeFromLatest") ? { excludeFromLatest: p.excludeFromLatest ?? false } : {}),
        ...(has("blockDeletion") ? { blockDeletion: false as const } : {}),
        regions: p.regions.map((r) => ({
            ...r,
            ...(has("regionCount") ? { count: r.count ?? p.replicaCount ?? 1 } : {}),
            ...(has("regionExclude") ? { exclude: r.exclude ?? p.excludeFromLatest ?? false } : {}),
        })),
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

/**
 * Azure's answer: V2 by default (api-version 2025-03-03 on), x64 sometimes left out, a security type it
 * applied; `leavesDefaultsOut`: V2 left out too.
 */
const imageAnswer = (p: ImageProgram, casing: (s: string) => string, leavesDefaultsOut = false): Inputs => ({
    ...imageInputs(p),
    location: display("westus"),
    osType: casing(p.osType),
    ...(leavesDefaultsOut && (p.hyperVGeneration ?? "V2") === "V2" ? {} : { hyperVGeneration: p.hyperVGeneration ?? "V2" }),
    ...(p.architecture === "Arm64" ? { architecture: "Arm64" } : {}),
    securityType: p.securityType && p.hyperVGeneration !== "V1" ? p.securityType : "TrustedLaunchSupported",
});

/**
 * Documented defaults a definition's program may state or leave out: hyperVGeneration V2 (MUTABILITY.md
 * §2: "Starting with API 2025-03-03, all new Compute Gallery image definitions default to
 * hyperVGeneration: V2"), architecture x64 (MUTABILITY.md §2: "default x64").
 */
const IMAGE_DEFAULTS = ["hyperVGeneration", "architecture"] as const;
const imageStating = (p: ImageProgram, stated: readonly (typeof IMAGE_DEFAULTS)[number][]): ImageProgram => ({
    ...p,
    ...(stated.includes("hyperVGeneration") ? { hyperVGeneration: p.hyperVGeneration ?? "V2" } : {}),
    ...(stated.includes("architecture") ? { architecture: p.architecture ?? "x64" } : {}),
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

/**
 * Azure's answer (Gallery_Get_WithManagedIdentity.json): principal ids filled in, identity keys
 * re-cased; `leavesDefaultsOut`: soft deletion left out where it is off.
 */
const galleryAnswer = (p: GalleryProgram, spell: Spell, leavesDefaultsOut = false): Inputs => ({
    ...galleryInputs(p),
    ...(leavesDefaultsOut && p.softDelete === false ? { softDeletePolicy: undefined } : {}),
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

/**
 * Documented defaults a gallery's program may state or leave out: soft deletion off (spec
 * SoftDeletePolicy.isSoftDeleteEnabled "Enables soft-deletion": off unless enabled, as
 * Gallery_Create_SoftDeletionEnabled.json enables it).
 */
const galleryStating = (p: GalleryProgram, stated: boolean): GalleryProgram => (stated ? { ...p, softDelete: p.softDelete ?? false } : p);

// ---------- values unknown at preview ----------

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type Step = string | number;

/** Every place in the inputs an unknown can stand: each object, list, element and scalar (not the package's own inputs). */
function places(v: unknown, at: Step[] = []): Step[][] {
    const out: Step[][] = at.length > 0 ? [at] : [];
    if (Array.isArray(v)) v.forEach((x, i) => out.push(...places(x, [...at, i])));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) if (!k.startsWith("__") && x !== undefined) out.push(...places(x, [...at, k]));
    return out;
}

/** The inputs with the unknown marker at `at`. */
function unknownAt(inputs: Inputs, at: Step[]): Inputs {
    const copy = JSON.parse(JSON.stringify(inputs)) as Inputs;
    let cur = copy as Record<string | number, unknown>;
    at.slice(0, -1).forEach((step) => (cur = cur[step] as Record<string | number, unknown>));
    cur[at[at.length - 1]] = UNKNOWN;
    return copy;
}

/** The place in the oracle's terms: list elements as `[]` ("publishingProfile.targetRegions[].name"). */
const placeOf = (at: Step[]) => at.map((s) => (typeof s === "number" ? "[]" : `.${s}`)).join("").slice(1).replace(/\.\[\]/g, "[]");

/** Whether an unknown at `place` is in, or contains, one of `createOnly` (itself, a member however deep, or a part of one). */
const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
const holds = (place: string, createOnly: string[]) => createOnly.some((c) => within(c, place) || within(place, c));

/**
 * Places that hold nothing of the program's: the value of a user-assigned identity is Azure's
 * (MUTABILITY.md §1: `{principalId RO, clientId RO}`); the program gives the key only.
 */
const readOnly = (place: string) => /^identity\.userAssignedIdentities\../.test(place);

/** ARM's names, which address the resource, and location (x-ms-mutability read, create): fixed for every kind. */
const ADDRESS = ["resourceGroupName", "subscriptionId", "location"];

/**
 * MUTABILITY.md §3, "not updatable": the sources (storageProfile), the global storage type and strategy,
 * the replication mode, UEFI settings, and a region's or edge zone's storage type and encryption once it exists.
 */
const VERSION_CREATE_ONLY = [
    ...ADDRESS,
    "galleryName",
    "galleryImageName",
    "galleryImageVersionName",
    "storageProfile",
    "publishingProfile.storageAccountType",
    "publishingProfile.storageAccountStrategy",
    "publishingProfile.replicationMode",
    "publishingProfile.targetRegions[].storageAccountType",
    "publishingProfile.targetRegions[].encryption",
    "publishingProfile.targetExtendedLocations[].storageAccountType",
    "publishingProfile.targetExtendedLocations[].encryption",
    "securityProfile.uefiSettings",
];

/**
 * Whether an unknown at `at` in the new program can hold a create-only value. A whole target region
 * unknown is a region Azure holds (whose storage type and encryption are fixed) only if one Azure holds
 * is named by no other element: names are unique in the list (MUTABILITY.md §3: "No duplicates"), and a
 * newly added region "may choose its own" storage type.
 */
function versionUnknownReplaces(before: VersionProgram, after: VersionProgram, at: Step[]): boolean {
    if (placeOf(at) === "publishingProfile.targetRegions[]") {
        const others = after.regions.filter((_, i) => i !== at[2]).map((r) => r.name);
        return before.regions.some((r) => !others.includes(r.name));
    }
    return holds(placeOf(at), VERSION_CREATE_ONLY);
}

/** MUTABILITY.md §2, "no": the OS, its generation and architecture, the identifier, EULA, privacy URI and purchase plan. */
const IMAGE_CREATE_ONLY = [...ADDRESS, "galleryName", "galleryImageName", "osType", "osState", "hyperVGeneration", "architecture", "identifier", "eula", "privacyStatementUri", "purchasePlan"];

/** MUTABILITY.md §1: location (x-ms-mutability), and sharing permissions (treated as create-only). */
const GALLERY_CREATE_ONLY = [...ADDRESS, "galleryName", "sharingProfile.permissions", "sharingProfile.communityGalleryInfo"];

// ---------- the properties ----------

async function previewOf(kind: "gallery" | "galleryImage" | "galleryImageVersion", oldInputs: Inputs, answer: Inputs, newInputs: Inputs) {
    const checked = await providers[kind].check!(oldInputs, newInputs);
    assert.deepStrictEqual(checked.failures, []);
    return providers[kind].diff!("id", answer, checked.inputs);
}

/** Programs that may state documented defaults, and the machine's time zone. */
const versionPrograms = fc.tuple(versionProgram, fc.subarray([...VERSION_DEFAULTS])).map(([p, stated]) => versionStating(p, stated));
const imagePrograms = fc.tuple(imageProgram, fc.subarray([...IMAGE_DEFAULTS])).map(([p, stated]) => imageStating(p, stated));
const galleryPrograms = fc.tuple(galleryProgram, fc.boolean()).map(([p, stated]) => galleryStating(p, stated));
const machineZone = fc.constantFrom(...ZONES);
const casings = fc.constantFrom((s: string) => s, (s: string) => s.toLowerCase(), (s: string) => s.toUpperCase());

describe("diff, property-based: replace exactly when a create-only value changes", function () {
    this.timeout(120_000);

    it("image versions", async () => {
        await fc.assert(
            fc.asyncProperty(versionPrograms, versionPrograms, idSpelling, fc.boolean(), machineZone, async (before, after, spell: Spell, leavesDefaultsOut, zone) => {
                const d = await inZone(zone, () => previewOf("galleryImageVersion", versionInputs(before), versionAnswer(before, spell, leavesDefaultsOut), versionInputs(after)));
                const replaces = (d.replaces ?? []).length > 0;
                assert.strictEqual(replaces, versionCreateOnlyChanged(before, after), JSON.stringify(d));
                if (!versionCreateOnlyChanged(before, after)) assert.deepStrictEqual(d.replaces, [], "an updatable change never deletes the version");
            }),
            { numRuns: RUNS },
        );
    });

    it("galleries (MUTABILITY.md §1: location is fixed; description, identity and soft delete change in place)", async () => {
        await fc.assert(
            fc.asyncProperty(galleryPrograms, galleryPrograms, idSpelling, fc.boolean(), async (before, after, spell: Spell, leavesDefaultsOut) => {
                const d = await previewOf("gallery", galleryInputs(before), galleryAnswer(before, spell, leavesDefaultsOut), galleryInputs(after));
                assert.strictEqual((d.replaces ?? []).length > 0, before.location !== after.location, JSON.stringify(d));
            }),
            { numRuns: RUNS },
        );
    });

    it("image definitions", async () => {
        await fc.assert(
            fc.asyncProperty(imagePrograms, imagePrograms, casings, fc.boolean(), async (before, after, casing, leavesDefaultsOut) => {
                const d = await previewOf("galleryImage", imageInputs(before), imageAnswer(before, casing, leavesDefaultsOut), imageInputs(after));
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
    it("image versions", () => quietUnderAnySpelling("galleryImageVersion", versionPrograms, fc.tuple(idSpelling, fc.boolean()), versionInputs, (p, [spell, out]) => versionAnswer(p, spell, out)));
    it("galleries", () => quietUnderAnySpelling("gallery", galleryPrograms, fc.tuple(idSpelling, fc.boolean()), galleryInputs, (p, [spell, out]) => galleryAnswer(p, spell, out)));
    it("image definitions", () => quietUnderAnySpelling("galleryImage", imagePrograms, fc.tuple(casings, fc.boolean()), imageInputs, (p, [casing, out]) => imageAnswer(p, casing, out)));
});

/** Preview of `after` over `before`, whose answer is `answer`, must be no change. */
async function quiet(kind: "gallery" | "galleryImage" | "galleryImageVersion", before: Inputs, answer: Inputs, after: Inputs) {
    const d = await previewOf(kind, before, answer, after);
    assert.deepStrictEqual([d.changes, d.replaces], [false, []], JSON.stringify(d));
}

describe("diff, property-based: stating a documented default or leaving it out is the same program", () => {
    // Against an answer that leaves the defaults out, and one that writes them: either way round.
    it("image versions", () =>
        fc.assert(
            fc.asyncProperty(versionProgram, fc.subarray([...VERSION_DEFAULTS]), fc.subarray([...VERSION_DEFAULTS]), idSpelling, fc.boolean(), async (p, was, now, spell: Spell, out) =>
                quiet("galleryImageVersion", versionInputs(versionStating(p, was)), versionAnswer(p, spell, out), versionInputs(versionStating(p, now))),
            ),
            { numRuns: RUNS },
        ));
    it("image definitions", () =>
        fc.assert(
            fc.asyncProperty(imageProgram, fc.subarray([...IMAGE_DEFAULTS]), fc.subarray([...IMAGE_DEFAULTS]), casings, fc.boolean(), async (p, was, now, casing, out) =>
                quiet("galleryImage", imageInputs(imageStating(p, was)), imageAnswer(p, casing, out), imageInputs(imageStating(p, now))),
            ),
            { numRuns: RUNS },
        ));
    it("galleries", () =>
        fc.assert(
            fc.asyncProperty(galleryProgram, fc.boolean(), fc.boolean(), idSpelling, fc.boolean(), async (p, was, now, spell: Spell, out) =>
                quiet("gallery", galleryInputs(galleryStating(p, was)), galleryAnswer(p, spell, out), galleryInputs(galleryStating(p, now))),
            ),
            { numRuns: RUNS },
        ));
});

describe("diff, property-based: the same instant, written with any offset, on a machine in any zone, is no change", () => {
    it("image versions", () =>
        fc.assert(
            fc.asyncProperty(
                versionProgram,
                instant.chain((at) => fc.tuple(spelling(at), spelling(at))),
                idSpelling,
                machineZone,
                async (p, [was, now], spell: Spell, zone) => {
                    const before = { ...p, endOfLife: was };
                    await inZone(zone, () => quiet("galleryImageVersion", versionInputs(before), versionAnswer(before, spell), versionInputs({ ...p, endOfLife: now })));
                },
            ),
            { numRuns: RUNS },
        ));
    it("and another instant, a second apart, is an update", () =>
        fc.assert(
            fc.asyncProperty(versionProgram, instant.chain((at) => fc.tuple(spelling(at), spelling(at + 1000))), machineZone, async (p, [was, now], zone) => {
                const before = { ...p, endOfLife: was };
                const d = await inZone(zone, () => previewOf("galleryImageVersion", versionInputs(before), versionAnswer(before, (id) => id), versionInputs({ ...p, endOfLife: now })));
                assert.deepStrictEqual([d.changes, d.replaces], [true, []], `${spell(was)} -> ${spell(now)}`);
            }),
            { numRuns: RUNS },
        ));
});

/**
 * The unknown marker at one place of the new program: never refused, never "no change", a replacement
 * exactly when the program's known edit replaces or the unknown can hold a create-only value.
 */
function unknownAnywhere<P, S>(
    kind: "gallery" | "galleryImage" | "galleryImageVersion",
    programs: fc.Arbitrary<P>,
    spellings: fc.Arbitrary<S>,
    inputs: (p: P) => Inputs,
    answer: (p: P, s: S) => Inputs,
    replaces: (before: P, after: P, at: Step[]) => boolean,
) {
    const cases = fc
        .tuple(programs, programs, spellings)
        .chain(([before, after, s]) => fc.constantFrom(...places(inputs(after)).filter((at) => !readOnly(placeOf(at)))).map((at) => ({ before, after, s, at })));
    return fc.assert(
        fc.asyncProperty(cases, async ({ before, after, s, at }) => {
            const news = unknownAt(inputs(after), at);
            const checked = await providers[kind].check!(inputs(before), news);
            assert.deepStrictEqual(checked.failures, [], `refused an unknown at ${placeOf(at)}`);
            const d = await providers[kind].diff!("id", answer(before, s), checked.inputs);
            assert.strictEqual(d.changes, true, `an unknown at ${placeOf(at)} planned no change`);
            assert.strictEqual((d.replaces ?? []).length > 0, replaces(before, after, at), `an unknown at ${placeOf(at)}: ${JSON.stringify(d)}`);
        }),
        { numRuns: RUNS },
    );
}

describe("diff, property-based: a value unknown at preview, at any depth", () => {
    it("image versions", () =>
        unknownAnywhere("galleryImageVersion", versionPrograms, idSpelling, versionInputs, (p, spell: Spell) => versionAnswer(p, spell), (b, a, at) => versionCreateOnlyChanged(b, a) || versionUnknownReplaces(b, a, at)));
    it("image definitions", () =>
        unknownAnywhere("galleryImage", imagePrograms, casings, imageInputs, (p, casing) => imageAnswer(p, casing), (b, a, at) => imageCreateOnlyChanged(b, a) || holds(placeOf(at), IMAGE_CREATE_ONLY)));
    it("galleries", () =>
        unknownAnywhere("gallery", galleryPrograms, idSpelling, galleryInputs, (p, spell: Spell) => galleryAnswer(p, spell), (b, a, at) => b.location !== a.location || holds(placeOf(at), GALLERY_CREATE_ONLY)));
});
