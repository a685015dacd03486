/** Image version: what each field is, and what Azure lets you change after create. */
import { RUNNING_STATES, STORAGE_ACCOUNT_TYPES, adopt, galleryImageName, galleryName, inFuture, location, resourceGroupName, subscriptionId, tags } from "./common";
import { storageTypeUnavailable } from "./regions";
import { timeouts } from "./timeouts";
import { CheckContext, CheckFailure, FieldSpec, Inputs, ResourceSpec } from "./types";
import { getPath, isRecord, isUnknown, regionKey } from "./values";

const INT32_MAX = 2147483647;

const replicaCount = (path: string, fallback?: (inputs: Inputs) => number): FieldSpec => ({
    path,
    type: "integer",
    onChange: "update",
    computed: true,
    min: 1,
    max: 100,
    ...(fallback ? { default: fallback } : {}),
});

/** Spec (TargetRegion.regionalReplicaCount): a region without its own count takes the version's replicaCount, which defaults to 1. */
const versionReplicaCount = (inputs: Inputs): number => {
    const n = getPath(inputs, "publishingProfile.replicaCount");
    return typeof n === "number" ? n : 1;
};

const source = (prefix: string, kind: string): FieldSpec[] => [
    { path: `${prefix}.id`, type: "armId", refersTo: kind, onChange: "replace" },
    // Blob URIs are case-sensitive, unlike ARM ids.
    { path: `${prefix}.uri`, type: "string", onChange: "replace", pattern: { re: /^https:\/\/.+/, rule: "must be the https URI of a VHD blob" } },
    { path: `${prefix}.storageAccountId`, type: "armId", refersTo: "storage account", onChange: "replace" },
];

/** Data disks, keyed by LUN: none can be added, removed or changed once the version exists. */
const disksByLun = (path: string, fields: FieldSpec[]): FieldSpec => ({
    path,
    type: "list",
    onChange: "replace",
    items: { key: "lun", onAdd: "replace", onRemove: "replace", fields: [{ path: "lun", type: "integer", required: true, onChange: "replace", min: 0 }, ...fields] },
});

/**
 * A region's (or edge zone's) disk encryption, fixed once it holds replicas (spec: EncryptionImages,
 * OSDiskImageEncryption, DataDiskImageEncryption).
 */
const encryption: FieldSpec[] = [
    { path: "encryption.osDiskImage.diskEncryptionSetId", type: "armId", refersTo: "disk encryption set", onChange: "replace" },
    {
        path: "encryption.osDiskImage.securityProfile.confidentialVMEncryptionType",
        type: "string",
        enum: ["EncryptedVMGuestStateOnlyWithPmk", "EncryptedWithPmk", "EncryptedWithCmk", "NonPersistedTPM"],
        onChange: "replace",
    },
    { path: "encryption.osDiskImage.securityProfile.secureVMDiskEncryptionSetId", type: "armId", refersTo: "disk encryption set", onChange: "replace" },
    disksByLun("encryption.dataDiskImages", [{ path: "diskEncryptionSetId", type: "armId", refersTo: "disk encryption set", onChange: "replace" }]),
];

const hostCaching = (path: string): FieldSpec => ({ path, type: "string", enum: ["None", "ReadOnly", "ReadWrite"], onChange: "replace", computed: true });

const targetRegions: FieldSpec = {
    path: "publishingProfile.targetRegions",
    type: "list",
    onChange: "update",
    computed: true,
    items: {
        key: "name",
        onAdd: "update",
        onRemove: "update",
        fields: [
            { path: "name", type: "region", required: true, onChange: "update" },
            replicaCount("regionalReplicaCount", versionReplicaCount),
            // Fixed for a region once it holds replicas; a newly added region may choose its own.
            { path: "storageAccountType", type: "string", enum: STORAGE_ACCOUNT_TYPES, onChange: "replace", computed: true },
            // Echoed false when left out (GalleryImageVersion_Create_WithVmAsSource.json).
            { path: "excludeFromLatest", type: "boolean", onChange: "update", computed: true, default: false },
            ...encryption,
            {
                path: "additionalReplicaSets",
                type: "list",
                onChange: "update",
                items: {
                    key: "storageAccountType",
                    onAdd: "update",
                    onRemove: "update",
                    fields: [
                        { path: "storageAccountType", type: "string", required: true, enum: STORAGE_ACCOUNT_TYPES, onChange: "update" },
                        replicaCount("regionalReplicaCount"),
                    ],
                },
            },
        ],
    },
};

/**
 * Edge zones, keyed by the zone's own name (unique across regions). Azure may report zones the
 * program never listed (GalleryImageVersion_Create_WithTargetExtendedLocations.json): left out of the
 * program, they stay Azure's.
 */
const targetExtendedLocations: FieldSpec = {
    path: "publishingProfile.targetExtendedLocations",
    type: "list",
    onChange: "update",
    computed: true,
    items: {
        key: "extendedLocation.name",
        onAdd: "update",
        onRemove: "update",
        fields: [
            { path: "name", type: "region", required: true, onChange: "replace" },
            { path: "extendedLocation.name", type: "string", required: true, onChange: "update", ignoreCase: true },
            { path: "extendedLocation.type", type: "string", enum: ["EdgeZone", "Unknown"], onChange: "replace", computed: true },
            replicaCount("extendedLocationReplicaCount"),
            { path: "storageAccountType", type: "string", enum: ["Standard_LRS", "Standard_ZRS", "StandardSSD_LRS", "Premium_LRS"], onChange: "replace", computed: true },
            ...encryption,
        ],
    },
};

/**
 * A whole-image source (managed image, VM, gallery version) brings its own data disks, which Azure
 * reports though the program never lists them (GalleryImageVersion_Create_WithVmAsSource.json); a
 * program may restate some of them. Disks the program lists keep their replace-on-change rule.
 */
const dataDiskImages: FieldSpec = (() => {
    const disks = disksByLun("storageProfile.dataDiskImages", [hostCaching("hostCaching"), ...source("source", "managed disk or snapshot")]);
    return { ...disks, computed: true, items: { ...disks.items!, azureAdds: true } };
})();

function sources(inputs: Inputs): string[] {
    const found: string[] = [];
    for (const k of ["id", "virtualMachineId", "communityGalleryImageId"]) {
        if (getPath(inputs, `storageProfile.source.${k}`) !== undefined) found.push(`storageProfile.source.${k}`);
    }
    const disks = [getPath(inputs, "storageProfile.osDiskImage"), ...((getPath(inputs, "storageProfile.dataDiskImages") as unknown[]) ?? [])];
    if (disks.some((d) => getPath(d, "source.id") !== undefined || getPath(d, "source.uri") !== undefined)) found.push("disk sources (osDiskImage/dataDiskImages)");
    return found;
}

/** Whether any value in `v`, however deep, is known only at apply. */
function unknownIn(v: unknown): boolean {
    return isUnknown(v) || (Array.isArray(v) ? v.some(unknownIn) : isRecord(v) ? Object.values(v).some(unknownIn) : false);
}

function regionsOf(inputs: Inputs): Record<string, unknown>[] {
    const regions = getPath(inputs, "publishingProfile.targetRegions");
    return Array.isArray(regions) ? regions.filter(isRecord) : [];
}

/**
 * Zone-redundant and Premium SSD v2 storage exist only in some regions (the region table says which);
 * a region the stack takes on trust is not judged.
 */
function storageTypesOffered(inputs: Inputs, ctx: CheckContext): CheckFailure[] {
    const global = getPath(inputs, "publishingProfile.storageAccountType");
    const out: CheckFailure[] = [];
    regionsOf(inputs).forEach((r, i) => {
        if (typeof r.name !== "string" || isUnknown(r.name) || ctx.admittedRegions.some((a) => regionKey(a) === regionKey(String(r.name)))) return;
        const sets = Array.isArray(r.additionalReplicaSets) ? r.additionalReplicaSets.filter(isRecord) : [];
        const chosen: [string, unknown][] = [
            [`publishingProfile.targetRegions[${i}].storageAccountType`, r.storageAccountType ?? global],
            ...sets.map((set, j): [string, unknown] => [`publishingProfile.targetRegions[${i}].additionalReplicaSets[${j}].storageAccountType`, set.storageAccountType]),
        ];
        for (const [at, type] of chosen) {
            const why = typeof type === "string" && !isUnknown(type) ? storageTypeUnavailable(type, r.name) : undefined;
            if (why) out.push({ property: at, reason: `${at}: ${why}; choose Standard_LRS or Premium_LRS there` });
        }
    });
    return out;
}

/** "Max 100 replicas per image version" (docs, Azure Compute Gallery limits); a region without a count has the version's. */
function totalReplicas(inputs: Inputs): CheckFailure[] {
    const counts = regionsOf(inputs).map((r) => r.regionalReplicaCount ?? versionReplicaCount(inputs));
    if (counts.some((c) => typeof c !== "number")) return []; // a count known only at apply
    const total = (counts as number[]).reduce((a, b) => a + b, 0);
    return total > 100
        ? [{ property: "publishingProfile.targetRegions", reason: `publishingProfile.targetRegions hold ${total} replicas in total; Azure allows at most 100 per image version` }]
        : [];
}

/**
 * The troubleshooting guide documents "A disk encryption set is required for disk … in target region
 * … since disk encryption set … is used for the corresponding disk in region …", yet seven official
 * examples (GalleryImageVersion_Get.json, _Create_WithVHD.json, …) show versions encrypted in one
 * target region only. So preview warns rather than refuses.
 */
function encryptionInEveryRegion(inputs: Inputs): string[] {
    const regions = regionsOf(inputs);
    if (regions.some((r) => isUnknown(r.encryption) || isUnknown(getPath(r, "encryption.dataDiskImages")))) return []; // known only at apply
    const disks = new Map<string, string[]>();
    regions.forEach((r) => {
        const os = getPath(r, "encryption.osDiskImage.diskEncryptionSetId");
        if (os !== undefined) disks.set("osDiskImage", [...(disks.get("osDiskImage") ?? []), String(r.name)]);
        const data = getPath(r, "encryption.dataDiskImages");
        for (const d of Array.isArray(data) ? data.filter(isRecord) : []) {
            if (d.diskEncryptionSetId !== undefined) disks.set(`dataDiskImages lun ${String(d.lun)}`, [...(disks.get(`dataDiskImages lun ${String(d.lun)}`) ?? []), String(r.name)]);
        }
    });
    const out: string[] = [];
    for (const [disk, encrypted] of disks) {
        const missing = regions.map((r) => String(r.name)).filter((n) => !encrypted.includes(n));
        if (missing.length > 0) {
            out.push(
                `publishingProfile.targetRegions: ${disk} is encrypted with a disk encryption set in ${encrypted.join(", ")} but not in ${missing.join(", ")}; Azure documents that it may refuse this ("A disk encryption set is required for disk … in target region …"): give that disk a disk encryption set in every target region`,
            );
        }
    }
    return out;
}

/** What Azure reports of a version's replication (the SDK model and the outputs both have this shape). */
export interface ReplicatingVersion {
    provisioningState?: unknown;
    replicationStatus?: { aggregatedState?: string; summary?: { region?: string; state?: string; details?: string }[] };
}

/** Whether Azure is still replicating the version, or still working on it otherwise. */
export function replicating(v: ReplicatingVersion): boolean {
    return v.replicationStatus?.aggregatedState === "InProgress" || RUNNING_STATES.includes(String(v.provisioningState));
}

/** The regions whose replication failed, in Azure's own words, or undefined. */
export function replicationFailures(v: ReplicatingVersion): string | undefined {
    const failed = v.replicationStatus?.summary?.filter((s) => s.state === "Failed") ?? [];
    return failed.length > 0 ? `replication failed in ${failed.map((s) => `${s.region ?? "?"} (${s.details || "no details"})`).join(", ")}` : undefined;
}

export const galleryImageVersionSpec: ResourceSpec = {
    kind: "GalleryImageVersion",
    name: { field: "galleryImageVersionName" },
    fields: [
        resourceGroupName,
        galleryName(true),
        galleryImageName(true),
        {
            path: "galleryImageVersionName",
            type: "string",
            required: true,
            onChange: "replace",
            inModel: false,
            validate: (v) => {
                const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(v));
                return !m || m.slice(1).some((p) => Number(p) > INT32_MAX)
                    ? "must be major.minor.patch, each part a whole number from 0 to 2147483647 (e.g. 1.0.0, 2026.11.22)"
                    : undefined;
            },
        },
        location,
        tags,
        subscriptionId,
        adopt,
        ...timeouts,
        targetRegions,
        targetExtendedLocations,
        replicaCount("publishingProfile.replicaCount", () => 1),
        // The examples echo false when the request leaves it out (GalleryImageVersion_Create.json).
        { path: "publishingProfile.excludeFromLatest", type: "boolean", onChange: "update", computed: true, default: false },
        { path: "publishingProfile.endOfLifeDate", type: "date", onChange: "update", computed: true, validate: inFuture, validatesNewValuesOnly: true },
        { path: "publishingProfile.storageAccountType", type: "string", enum: STORAGE_ACCOUNT_TYPES, onChange: "replace", computed: true },
        { path: "publishingProfile.storageAccountStrategy", type: "string", enum: ["PreferStandard_ZRS", "DefaultStandard_LRS"], onChange: "replace", computed: true },
        // Spec (ReplicationMode): "The default value is 'Full'."
        { path: "publishingProfile.replicationMode", type: "string", enum: ["Full", "Shallow"], onChange: "replace", computed: true, default: "Full" },
        { path: "storageProfile.source.id", type: "armId", refersTo: "managed image, snapshot, disk or gallery image version", onChange: "replace" },
        { path: "storageProfile.source.virtualMachineId", type: "armId", refersTo: "virtual machine", onChange: "replace" },
        // /CommunityGalleries/{name}/Images/{image}/Versions/{version}: an id, compared without case.
        { path: "storageProfile.source.communityGalleryImageId", type: "string", ignoreCase: true, onChange: "replace" },
        hostCaching("storageProfile.osDiskImage.hostCaching"),
        ...source("storageProfile.osDiskImage.source", "managed disk or snapshot"),
        dataDiskImages,
        // Both false unless set (spec SafetyProfile; GalleryImageVersion_Get.json echoes false).
        { path: "safetyProfile.allowDeletionOfReplicatedLocations", type: "boolean", onChange: "update", computed: true, default: false },
        { path: "safetyProfile.blockDeletionBeforeEndOfLife", type: "boolean", onChange: "update", computed: true, default: false },
        { path: "securityProfile.uefiSettings", type: "object", onChange: "replace" },
        // Provider behaviour, not Azure state: changing these touches nothing in Azure.
        { path: "waitForReplication", type: "boolean", onChange: "update", inModel: false },
    ],
    // Read-only in the spec (GalleryImageVersion and the profiles inside it).
    outputs: [
        { name: "id", from: "id" },
        { name: "provisioningState", from: "provisioningState" },
        { name: "publishingProfile.publishedDate", from: "publishingProfile.publishedDate" },
        { name: "publishedDate", from: "publishingProfile.publishedDate" },
        // The data disks' sizes come with the list Azure reports (dataDiskImages).
        { name: "storageProfile.osDiskImage.sizeInGB", from: "storageProfile.osDiskImage.sizeInGB" },
        { name: "safetyProfile.reportedForPolicyViolation", from: "safetyProfile.reportedForPolicyViolation" },
        { name: "safetyProfile.policyViolations", from: "safetyProfile.policyViolations" },
        // Per region: state, progress and Azure's details (read with $expand=ReplicationStatus).
        { name: "replicationStatus", from: "replicationStatus" },
        { name: "validationsProfile", from: "validationsProfile" },
    ],
    rules: [
        (inputs) => {
            if (unknownIn(getPath(inputs, "storageProfile"))) return []; // the source is known only at apply
            const found = sources(inputs);
            return found.length === 1
                ? []
                : [{ property: "storageProfile", reason: `storageProfile needs exactly one source (managed image/snapshot/disk/version id, virtualMachineId, communityGalleryImageId, or disk sources); found ${found.length === 0 ? "none" : found.join(" and ")}` }];
        },
        (inputs) => {
            const disks = [getPath(inputs, "storageProfile.osDiskImage"), ...((getPath(inputs, "storageProfile.dataDiskImages") as unknown[]) ?? [])];
            return disks.some((d) => getPath(d, "source.uri") !== undefined && getPath(d, "source.storageAccountId") === undefined)
                ? [{ property: "storageProfile", reason: "storageProfile: a VHD source (source.uri) needs source.storageAccountId, the storage account holding the blob" }]
                : [];
        },
        (inputs): CheckFailure[] =>
            getPath(inputs, "publishingProfile.storageAccountType") !== undefined && getPath(inputs, "publishingProfile.storageAccountStrategy") !== undefined
                ? [{ property: "publishingProfile.storageAccountStrategy", reason: "publishingProfile.storageAccountStrategy cannot be set together with publishingProfile.storageAccountType" }]
                : [],
        (inputs): CheckFailure[] =>
            String(getPath(inputs, "publishingProfile.replicationMode") ?? "").toLowerCase() === "shallow" && regionsOf(inputs).some((r) => r.encryption !== undefined)
                ? [{ property: "publishingProfile.targetRegions", reason: "publishingProfile.targetRegions: encryption cannot be used with publishingProfile.replicationMode Shallow" }]
                : [],
        storageTypesOffered,
        totalReplicas,
    ],
    cautions: [encryptionInEveryRegion],
    complete: (inputs) => {
        const loc = inputs.location;
        const regions = getPath(inputs, "publishingProfile.targetRegions");
        if (typeof loc !== "string" || isUnknown(loc) || !Array.isArray(regions) || regions.some((r) => isUnknown(getPath(r, "name")))) return [];
        if (regions.some((r) => typeof getPath(r, "name") === "string" && regionKey(String(getPath(r, "name"))) === regionKey(loc))) return [];
        (inputs.publishingProfile as Record<string, unknown>).targetRegions = [{ name: loc }, ...regions];
        return [`publishingProfile.targetRegions did not include the version's location "${loc}", which Azure requires; it was added with the default replica count`];
    },
    unsettled: (outputs, news) => {
        const version = outputs as ReplicatingVersion;
        // Replication still running (an up that stopped waiting, a refresh mid-way, or Azure retrying
        // on its own) is waited for when the program asks to wait, and never sent again meanwhile.
        if (replicating(version)) return news.waitForReplication !== false ? { reason: "Azure is still replicating this version; the update waits for it to finish", resend: false } : undefined;
        const failed = replicationFailures(version);
        return failed ? { reason: `${failed}; the update sends the version again, which is how Azure retries it`, resend: true } : undefined;
    },
    refuse: (olds, news, changes) => {
        const eol = getPath(olds, "publishingProfile.endOfLifeDate");
        if (
            changes.some((c) => c.onChange === "replace") &&
            getPath(olds, "safetyProfile.blockDeletionBeforeEndOfLife") === true &&
            typeof eol === "string" &&
            Date.parse(eol) > Date.now()
        ) {
            return `this change replaces the version, which deletes it, and Azure refuses to delete it before its end of life (${eol}) while safetyProfile.blockDeletionBeforeEndOfLife is true. Set it to false in an up of its own first, or keep the create-only properties.`;
        }
        // A region whose name is unknown at preview ([?]) is neither added nor removed yet.
        const removed = changes.filter((c) => /^publishingProfile\.targetRegions\[[^\]?]+\]$/.test(c.path) && !regionsOf(news).some((r) => `publishingProfile.targetRegions[${regionKey(String(r.name))}]` === c.path));
        if (removed.length === 0 || getPath(news, "safetyProfile.allowDeletionOfReplicatedLocations") === true) return undefined;
        const names = removed.map((c) => c.path.slice(c.path.indexOf("[") + 1, -1)).join(", ");
        return `removing target region(s) ${names} deletes the replicas this version holds there; Azure allows it only with safetyProfile.allowDeletionOfReplicatedLocations: true. Set it, or keep the region(s).`;
    },
};
