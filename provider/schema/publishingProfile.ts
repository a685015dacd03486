/**
 * The publishing profile every versioned gallery artifact shares (spec:
 * GalleryArtifactPublishingProfileBase and GalleryArtifactSafetyProfileBase, the bases of both the
 * image version's and the application version's profiles): target regions and edge zones, replica
 * counts, exclusion from latest, end of life, storage, replication, and what a version's replication
 * means for the diff. A versioned kind lists `publishingProfile.fields` and composes its rules.
 */
import { REFERS_TO, RUNNING_STATES, STORAGE_ACCOUNT_TYPES, inFuture, keyedList } from "./common";
import { storageTypeUnavailable } from "./regions";
import { CheckContext, CheckFailure, DerivedDefault, FieldChange, FieldSpec, Inputs, Scalar, Unsettled, described } from "./types";
import { getPath, isRecord, isUnknown, regionKey, setPath } from "./values";

const replicaCount = (path: string, fallback?: Scalar | DerivedDefault): FieldSpec => ({
    path,
    type: "integer",
    onChange: "update",
    computed: true,
    min: 1,
    max: 100,
    ...(fallback !== undefined ? { default: fallback } : {}),
});

/** Data disks, keyed by LUN: none can be added, removed or changed once the version exists. */
export const disksByLun = (path: string, fields: FieldSpec[]): FieldSpec =>
    keyedList(path, "lun", "replace", [{ path: "lun", type: "integer", required: true, onChange: "replace", min: 0 }, ...fields]);

/**
 * A region's (or edge zone's) disk encryption, fixed once it holds replicas (spec: EncryptionImages,
 * OSDiskImageEncryption, DataDiskImageEncryption).
 */
const encryption: FieldSpec[] = [
    { path: "encryption.osDiskImage.diskEncryptionSetId", type: "armId", refersTo: REFERS_TO.diskEncryptionSet, onChange: "replace" },
    {
        path: "encryption.osDiskImage.securityProfile.confidentialVMEncryptionType",
        type: "string",
        // Spec ConfidentialVMEncryptionType is modelAsString.
        enum: ["EncryptedVMGuestStateOnlyWithPmk", "EncryptedWithPmk", "EncryptedWithCmk", "NonPersistedTPM"],
        extensible: true,
        onChange: "replace",
    },
    { path: "encryption.osDiskImage.securityProfile.secureVMDiskEncryptionSetId", type: "armId", refersTo: REFERS_TO.diskEncryptionSet, onChange: "replace" },
    disksByLun("encryption.dataDiskImages", [{ path: "diskEncryptionSetId", type: "armId", refersTo: REFERS_TO.diskEncryptionSet, onChange: "replace" }]),
];

/** What Azure reports of a version's replication (the SDK model and the outputs both have this shape). */
export interface ReplicatingVersion {
    provisioningState?: unknown;
    replicationStatus?: { aggregatedState?: string; summary?: { region?: string; state?: string; details?: string; progress?: number }[] };
}

/**
 * The version's provisioning state and replication status where its model has them: at the top for
 * the client-flattened kinds, under `properties.` for those that keep it (`propertiesAsWritten`).
 */
export function versionAt(model: unknown, root: string): ReplicatingVersion {
    const at = root ? getPath(model, root.replace(/\.$/, "")) : model;
    return (isRecord(at) ? at : {}) as ReplicatingVersion;
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

/** One line a person can read: "West US done, East US 2 40%". */
export function describeReplication(v: ReplicatingVersion): string {
    const summary = v.replicationStatus?.summary ?? [];
    const parts = summary.map((s) => `${s.region} ${s.state === "Completed" ? "done" : s.state === "Failed" ? `FAILED: ${s.details ?? ""}` : `${s.progress ?? 0}%`}`);
    return `replicating to ${summary.length} region(s): ${parts.join(", ")}`;
}

/**
 * The publishing profile's fields, outputs and rules, at `root`: "" where the model is
 * client-flattened (image and application versions), "properties." where it keeps `properties`
 * (script versions, `propertiesAsWritten`).
 */
export function publishingProfileAt(root: "" | "properties.") {
    /** Spec (TargetRegion.regionalReplicaCount): a region without its own count takes the version's replicaCount, which defaults to 1. */
    const versionReplicaCount = described(`the version's \`${root}publishingProfile.replicaCount\` (1 when it has none)`, (inputs: Inputs): number => {
        const n = getPath(inputs, `${root}publishingProfile.replicaCount`);
        return typeof n === "number" ? n : 1;
    });

    /**
     * A region without its own flag follows the version's: a VM in that region asking for latest skips
     * the version when the version is excluded (spec GalleryArtifactPublishingProfileBase.excludeFromLatest,
     * "Virtual Machines deployed from the latest version of the Image Definition won't use this Image
     * Version"), and a region's own flag, once set, decides there (TargetRegion.excludeFromLatest). So a
     * program that states `false` for a region whose answer has no flag, under a version excluded from
     * latest, changes what VMs there get, and is sent.
     */
    const versionExcludeFromLatest = described(`the version's \`${root}publishingProfile.excludeFromLatest\` (false when it has none)`, (inputs: Inputs): boolean =>
        getPath(inputs, `${root}publishingProfile.excludeFromLatest`) === true,
    );

    const targetRegions: FieldSpec = {
        path: `${root}publishingProfile.targetRegions`,
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
                // Fixed for a region once it holds replicas; a newly added region may choose its own. Its
                // default follows the region's zones and the version's storage type or strategy (spec
                // StorageAccountStrategy), which an element's default cannot see: none is given.
                { path: "storageAccountType", type: "string", enum: STORAGE_ACCOUNT_TYPES, extensible: true, onChange: "replace", computed: true },
                // The examples echo false where the version is in latest (MUTABILITY.md: "per-region … `excludeFromLatest: false`").
                { path: "excludeFromLatest", type: "boolean", onChange: "update", computed: true, default: versionExcludeFromLatest },
                ...encryption,
                // A region's direct-drive replica sets, made elsewhere or by an earlier program: a request
                // that sends the region sends them as Azure holds them when the program leaves them out
                // (the region goes whole: ERRORS.md "Target regions are sent whole"), and removing them
                // from the program sends the list empty, once.
                {
                    ...keyedList("additionalReplicaSets", "storageAccountType", "update", [
                        { path: "storageAccountType", type: "string", required: true, enum: STORAGE_ACCOUNT_TYPES, extensible: true, onChange: "update" },
                        replicaCount("regionalReplicaCount"),
                    ]),
                    computed: true,
                    default: described("none", () => []),
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
        path: `${root}publishingProfile.targetExtendedLocations`,
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
                // Spec GalleryExtendedLocationType and EdgeZoneStorageAccountType are modelAsString.
                { path: "extendedLocation.type", type: "string", enum: ["EdgeZone", "Unknown"], extensible: true, onChange: "replace", computed: true },
                replicaCount("extendedLocationReplicaCount"),
                {
                    path: "storageAccountType",
                    type: "string",
                    enum: ["Standard_LRS", "Standard_ZRS", "StandardSSD_LRS", "Premium_LRS"],
                    extensible: true,
                    onChange: "replace",
                    computed: true,
                    // Azure answers "StandardSSD_LRS(default)" for a zone the request gave no storage type
                    // (GalleryImageVersion_Create_WithTargetExtendedLocations.json, 200 answer).
                    default: "StandardSSD_LRS",
                },
                ...encryption,
            ],
        },
    };

    function regionsOf(inputs: Inputs): Record<string, unknown>[] {
        const regions = getPath(inputs, `${root}publishingProfile.targetRegions`);
        return Array.isArray(regions) ? regions.filter(isRecord) : [];
    }

    /**
     * Zone-redundant and Premium SSD v2 storage exist only in some regions (the region table says which);
     * a region the stack takes on trust is not judged.
     */
    const storageTypesOffered = described("`Standard_ZRS` only in a region with availability zones, `PremiumV2_LRS` only where Microsoft offers Premium SSD v2 (a region taken on trust through `azure-compute-gallery:additionalRegions` is not judged)", (inputs: Inputs, ctx: CheckContext): CheckFailure[] => {
        const global = getPath(inputs, `${root}publishingProfile.storageAccountType`);
        const out: CheckFailure[] = [];
        regionsOf(inputs).forEach((r, i) => {
            if (typeof r.name !== "string" || isUnknown(r.name) || ctx.admittedRegions.some((a) => regionKey(a) === regionKey(String(r.name)))) return;
            const sets = Array.isArray(r.additionalReplicaSets) ? r.additionalReplicaSets.filter(isRecord) : [];
            const chosen: [string, unknown][] = [
                [`${root}publishingProfile.targetRegions[${i}].storageAccountType`, r.storageAccountType ?? global],
                ...sets.map((set, j): [string, unknown] => [`${root}publishingProfile.targetRegions[${i}].additionalReplicaSets[${j}].storageAccountType`, set.storageAccountType]),
            ];
            for (const [at, type] of chosen) {
                const why = typeof type === "string" && !isUnknown(type) ? storageTypeUnavailable(type, r.name) : undefined;
                if (why) out.push({ property: at, reason: `${at}: ${why}; choose Standard_LRS or Premium_LRS there` });
            }
        });
        return out;
    });

    /** "Max 100 replicas per image version" (docs, Azure Compute Gallery limits); a region without a count has the version's. */
    const totalReplicas = described("at most 100 replicas in all target regions together (a region without a count has the version's `replicaCount`)", (inputs: Inputs): CheckFailure[] => {
        const counts = regionsOf(inputs).map((r) => r.regionalReplicaCount ?? versionReplicaCount(inputs));
        if (counts.some((c) => typeof c !== "number")) return []; // a count known only at apply
        const total = (counts as number[]).reduce((a, b) => a + b, 0);
        return total > 100
            ? [{ property: `${root}publishingProfile.targetRegions`, reason: `${root}publishingProfile.targetRegions hold ${total} replicas in total; Azure allows at most 100 per version` }]
            : [];
    });

    // Spec (storageAccountType, storageAccountStrategy): "Cannot be specified along with" the other.
    const storageTogether = described(`\`${root}publishingProfile.storageAccountType\` and \`${root}publishingProfile.storageAccountStrategy\` are not set together`, (inputs: Inputs): CheckFailure[] =>
        getPath(inputs, `${root}publishingProfile.storageAccountType`) !== undefined && getPath(inputs, `${root}publishingProfile.storageAccountStrategy`) !== undefined
            ? [{ property: `${root}publishingProfile.storageAccountStrategy`, reason: `${root}publishingProfile.storageAccountStrategy cannot be set together with ${root}publishingProfile.storageAccountType` }]
            : [],
    );

    /**
     * Adds the version's own region to its target regions when the program leaves it out, which Azure
     * requires (troubleshooting guide: "… regions … must contain the location of image version …").
     */
    const addOwnRegion = described(`the version's \`location\` is added to \`${root}publishingProfile.targetRegions\` when the program leaves it out there (Azure requires it), with a notice`, (inputs: Inputs): string[] => {
        const loc = inputs.location;
        const regions = getPath(inputs, `${root}publishingProfile.targetRegions`);
        // A location or region known only at apply stops the engine's completion before it acts (engine.ts complete).
        if (typeof loc !== "string" || !Array.isArray(regions)) return [];
        if (regions.some((r) => typeof getPath(r, "name") === "string" && regionKey(String(getPath(r, "name"))) === regionKey(loc))) return [];
        setPath(inputs, `${root}publishingProfile.targetRegions`, [{ name: loc }, ...regions]);
        return [`${root}publishingProfile.targetRegions did not include the version's location "${loc}", which Azure requires; it was added with the default replica count`];
    });

    /**
     * A version whose replication is still running (an up that stopped waiting, a refresh mid-way, or
     * Azure retrying on its own) is waited for when the program asks to wait, and never sent again
     * meanwhile; one that failed in a region is sent again, which is how Azure retries it.
     */
    const unsettled = described("a version Azure is still replicating (while `waitForReplication` is on) is an update that waits for it; a version with a region whose replication failed is an update that sends it again, which is how Azure retries it", (outputs: Inputs, news: Inputs): Unsettled | undefined => {
        const version = versionAt(outputs, root);
        if (replicating(version)) return news.waitForReplication !== false ? { reason: "Azure is still replicating this version; the update waits for it to finish", resend: false } : undefined;
        const failed = replicationFailures(version);
        return failed ? { reason: `${failed}; the update sends the version again, which is how Azure retries it`, resend: true } : undefined;
    });

    /**
     * Removing a region that holds replicas deletes them; Azure allows it only with
     * safetyProfile.allowDeletionOfReplicatedLocations (spec: GalleryArtifactSafetyProfileBase).
     */
    const refuseRegionRemoval = described(`removing a target region, which deletes its replicas, needs \`${root}safetyProfile.allowDeletionOfReplicatedLocations: true\``, (_olds: Inputs, news: Inputs, changes: FieldChange[]): string | undefined => {
        // A region whose name is unknown at preview ([?]) is neither added nor removed yet.
        const removed = changes.filter((c) => new RegExp(`^${root.replace(".", "\\.")}publishingProfile\\.targetRegions\\[[^\\]?]+\\]$`).test(c.path) && !regionsOf(news).some((r) => `${root}publishingProfile.targetRegions[${regionKey(String(r.name))}]` === c.path));
        if (removed.length === 0 || getPath(news, `${root}safetyProfile.allowDeletionOfReplicatedLocations`) === true) return undefined;
        const names = removed.map((c) => c.path.slice(c.path.indexOf("[") + 1, -1)).join(", ");
        return `removing target region(s) ${names} deletes the replicas this version holds there; Azure allows it only with safetyProfile.allowDeletionOfReplicatedLocations: true. Set it, or keep the region(s).`;
    });

    return {
        fields: [
            targetRegions,
            targetExtendedLocations,
            // The official create answers echo 1 when the request leaves it out (MUTABILITY.md: "Examples echo `1` when not given").
            replicaCount(`${root}publishingProfile.replicaCount`, 1),
            // The examples echo false when the request leaves it out (GalleryImageVersion_Create_WithStorageAccountStrategy.json).
            { path: `${root}publishingProfile.excludeFromLatest`, type: "boolean", onChange: "update", computed: true, default: false },
            { path: `${root}publishingProfile.endOfLifeDate`, type: "date", onChange: "update", computed: true, validate: inFuture, validatesNewValuesOnly: true },
            // Spec StorageAccountType, StorageAccountStrategy and ReplicationMode are modelAsString. Without
            // a strategy, the official create answers report Standard_LRS (GalleryImageVersion_Create.json
            // and nine more); without a storage type, the strategy is PreferStandard_ZRS (spec
            // StorageAccountStrategy: "If no storageAccountStrategy is specified, this is the default
            // strategy (from API version 2025-03-03 onwards)"). The two exclude each other.
            {
                path: `${root}publishingProfile.storageAccountType`,
                type: "string",
                enum: STORAGE_ACCOUNT_TYPES,
                extensible: true,
                onChange: "replace",
                computed: true,
                default: described(`\`Standard_LRS\` when no \`${root}publishingProfile.storageAccountStrategy\` is set`, (inputs) => (getPath(inputs, `${root}publishingProfile.storageAccountStrategy`) === undefined ? "Standard_LRS" : undefined)),
            },
            {
                path: `${root}publishingProfile.storageAccountStrategy`,
                type: "string",
                enum: ["PreferStandard_ZRS", "DefaultStandard_LRS"],
                extensible: true,
                onChange: "replace",
                computed: true,
                default: described(`\`PreferStandard_ZRS\` when no \`${root}publishingProfile.storageAccountType\` is set`, (inputs) => (getPath(inputs, `${root}publishingProfile.storageAccountType`) === undefined ? "PreferStandard_ZRS" : undefined)),
            },
            // MUTABILITY.md (replicationMode): "Default Full".
            { path: `${root}publishingProfile.replicationMode`, type: "string", enum: ["Full", "Shallow"], extensible: true, onChange: "replace", computed: true, default: "Full" },
            // False unless set (spec GalleryArtifactSafetyProfileBase; GalleryImageVersion_Get.json echoes false).
            { path: `${root}safetyProfile.allowDeletionOfReplicatedLocations`, type: "boolean", onChange: "update", computed: true, default: false },
            // Provider behaviour, not Azure state: changing it touches nothing in Azure.
            { path: "waitForReplication", type: "boolean", onChange: "update", inModel: false },
        ] satisfies FieldSpec[] as FieldSpec[],
        /** Read-only in the spec (GalleryArtifactPublishingProfileBase, ReplicationStatus). */
        outputs: [
            { name: `${root}publishingProfile.publishedDate`, from: `${root}publishingProfile.publishedDate` },
            { name: "publishedDate", from: `${root}publishingProfile.publishedDate` },
            // Per region: state, progress and Azure's details (read with $expand=ReplicationStatus).
            { name: `${root}replicationStatus`, from: `${root}replicationStatus` },
        ],
        rules: [storageTogether, storageTypesOffered, totalReplicas],
        /** The rules of every versioned kind; `totalReplicas` is the image versions' documented limit. */
        commonRules: [storageTogether, storageTypesOffered],
        complete: addOwnRegion,
        unsettled,
        refuse: refuseRegionRemoval,
        regionsOf,
    };
}

export const publishingProfile = publishingProfileAt("");
