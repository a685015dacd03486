/** Image version: what each field is, and what Azure lets you change after create. */
import { STORAGE_ACCOUNT_TYPES, armResourceId, galleryImageName, galleryName, inFuture, location, resourceGroupName, subscriptionId, tags } from "./common";
import { CheckFailure, FieldSpec, Inputs, ResourceSpec } from "./types";
import { getPath, isRecord, isUnknown, regionKey } from "./values";

const INT32_MAX = 2147483647;

const replicaCount = (path: string): FieldSpec => ({ path, type: "integer", onChange: "update", computed: true, min: 1, max: 100 });

const source = (prefix: string, kind: string): FieldSpec[] => [
    { path: `${prefix}.id`, type: "string", onChange: "replace", validate: armResourceId(kind) },
    { path: `${prefix}.uri`, type: "string", onChange: "replace", pattern: { re: /^https:\/\/.+/, rule: "must be the https URI of a VHD blob" } },
    { path: `${prefix}.storageAccountId`, type: "string", onChange: "replace", validate: armResourceId("storage account") },
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
            replicaCount("regionalReplicaCount"),
            // Fixed for a region once it holds replicas; a newly added region may choose its own.
            { path: "storageAccountType", type: "string", enum: STORAGE_ACCOUNT_TYPES, onChange: "replace", computed: true },
            { path: "excludeFromLatest", type: "boolean", onChange: "update", computed: true },
            { path: "encryption", type: "object", onChange: "replace" },
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

/** Edge zones, keyed by the zone's own name (unique across regions). */
const targetExtendedLocations: FieldSpec = {
    path: "publishingProfile.targetExtendedLocations",
    type: "list",
    onChange: "update",
    items: {
        key: "extendedLocation.name",
        onAdd: "update",
        onRemove: "update",
        fields: [
            { path: "name", type: "region", required: true, onChange: "replace" },
            { path: "extendedLocation.name", type: "string", required: true, onChange: "update" },
            { path: "extendedLocation.type", type: "string", enum: ["EdgeZone", "Unknown"], onChange: "replace", computed: true },
            replicaCount("extendedLocationReplicaCount"),
            { path: "storageAccountType", type: "string", enum: ["Standard_LRS", "Standard_ZRS", "StandardSSD_LRS", "Premium_LRS"], onChange: "replace", computed: true },
            { path: "encryption", type: "object", onChange: "replace" },
        ],
    },
};

const dataDiskImages: FieldSpec = {
    path: "storageProfile.dataDiskImages",
    type: "list",
    onChange: "replace",
    items: {
        key: "lun",
        onAdd: "replace",
        onRemove: "replace",
        fields: [
            { path: "lun", type: "integer", required: true, onChange: "replace", min: 0 },
            hostCaching("hostCaching"),
            ...source("source", "managed disk or snapshot"),
        ],
    },
};

function sources(inputs: Inputs): string[] {
    const found: string[] = [];
    for (const k of ["id", "virtualMachineId", "communityGalleryImageId"]) {
        if (getPath(inputs, `storageProfile.source.${k}`) !== undefined) found.push(`storageProfile.source.${k}`);
    }
    const disks = [getPath(inputs, "storageProfile.osDiskImage"), ...((getPath(inputs, "storageProfile.dataDiskImages") as unknown[]) ?? [])];
    if (disks.some((d) => getPath(d, "source.id") !== undefined || getPath(d, "source.uri") !== undefined)) found.push("disk sources (osDiskImage/dataDiskImages)");
    return found;
}

function regionsOf(inputs: Inputs): Record<string, unknown>[] {
    const regions = getPath(inputs, "publishingProfile.targetRegions");
    return Array.isArray(regions) ? regions.filter(isRecord) : [];
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
        targetRegions,
        targetExtendedLocations,
        replicaCount("publishingProfile.replicaCount"),
        { path: "publishingProfile.excludeFromLatest", type: "boolean", onChange: "update", computed: true },
        { path: "publishingProfile.endOfLifeDate", type: "date", onChange: "update", computed: true, validate: inFuture },
        { path: "publishingProfile.storageAccountType", type: "string", enum: STORAGE_ACCOUNT_TYPES, onChange: "replace", computed: true },
        { path: "publishingProfile.storageAccountStrategy", type: "string", enum: ["PreferStandard_ZRS", "DefaultStandard_LRS"], onChange: "replace", computed: true },
        { path: "publishingProfile.replicationMode", type: "string", enum: ["Full", "Shallow"], onChange: "replace", computed: true },
        { path: "storageProfile.source.id", type: "string", onChange: "replace", validate: armResourceId("managed image, snapshot, disk or gallery image version") },
        { path: "storageProfile.source.virtualMachineId", type: "string", onChange: "replace", validate: armResourceId("virtual machine") },
        { path: "storageProfile.source.communityGalleryImageId", type: "string", onChange: "replace" },
        hostCaching("storageProfile.osDiskImage.hostCaching"),
        ...source("storageProfile.osDiskImage.source", "managed disk or snapshot"),
        dataDiskImages,
        { path: "safetyProfile.allowDeletionOfReplicatedLocations", type: "boolean", onChange: "update", computed: true },
        { path: "safetyProfile.blockDeletionBeforeEndOfLife", type: "boolean", onChange: "update", computed: true },
        { path: "securityProfile.uefiSettings", type: "object", onChange: "replace" },
        // Provider behaviour, not Azure state: changing these touches nothing in Azure.
        { path: "waitForReplication", type: "boolean", onChange: "update", inModel: false },
    ],
    outputs: [
        { name: "id", from: "id" },
        { name: "provisioningState", from: "provisioningState" },
        { name: "publishedDate", from: "publishingProfile.publishedDate" },
        // Per region: state, progress and Azure's details (read with $expand=ReplicationStatus).
        { name: "replicationStatus", from: "replicationStatus" },
    ],
    rules: [
        (inputs) => {
            const found = sources(inputs);
            if (found.some(isUnknown)) return [];
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
    ],
    complete: (inputs) => {
        const loc = inputs.location;
        const regions = getPath(inputs, "publishingProfile.targetRegions");
        if (typeof loc !== "string" || isUnknown(loc) || !Array.isArray(regions) || regions.some((r) => isUnknown(getPath(r, "name")))) return [];
        if (regions.some((r) => typeof getPath(r, "name") === "string" && regionKey(String(getPath(r, "name"))) === regionKey(loc))) return [];
        (inputs.publishingProfile as Record<string, unknown>).targetRegions = [{ name: loc }, ...regions];
        return [`publishingProfile.targetRegions did not include the version's location "${loc}", which Azure requires; it was added with the default replica count`];
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
        const removed = changes.filter((c) => /^publishingProfile\.targetRegions\[[^\]]+\]$/.test(c.path) && !regionsOf(news).some((r) => `publishingProfile.targetRegions[${regionKey(String(r.name))}]` === c.path));
        if (removed.length === 0 || getPath(news, "safetyProfile.allowDeletionOfReplicatedLocations") === true) return undefined;
        const names = removed.map((c) => c.path.slice(c.path.indexOf("[") + 1, -1)).join(", ");
        return `removing target region(s) ${names} deletes the replicas this version holds there; Azure allows it only with safetyProfile.allowDeletionOfReplicatedLocations: true. Set it, or keep the region(s).`;
    },
};
