/**
 * What the gallery functions return (latest.ts), in plain JSON: dates as ISO 8601 strings, so a result
 * can be a stack output or printed as it is.
 */

/** A region a version targets, as the version reports it. */
export interface VersionRegion {
    /** The region as Azure spells it in the version's target regions (a display name, "East US", as a rule). */
    name: string;
    /** Replication to the region: Completed, Replicating, Failed or Unknown (Azure's ReplicationState). */
    replicationState?: string;
    /** Whether a VM in this region that asks for `latest` skips the version (the region's own flag, else the version's). */
    excludeFromLatest: boolean;
}

/** The version `latest` resolves to. */
export interface LatestVersion {
    /** The version's ARM id, what a VM's `imageReference.id` (or an application's `packageReferenceId`) takes. */
    id: string;
    /** Major.Minor.Patch. */
    name: string;
    publishedDate?: string;
    endOfLifeDate?: string;
    regions: VersionRegion[];
}

/** One version of a definition, region by region, as `galleryStatus` reports it. */
export interface VersionStatus {
    id: string;
    name: string;
    provisioningState?: string;
    publishedDate?: string;
    endOfLifeDate?: string;
    /** The end of life date has been reached. */
    endOfLifePassed: boolean;
    /** The version's own `publishingProfile.excludeFromLatest`. */
    excludeFromLatest: boolean;
    regions: RegionStatus[];
}

export interface RegionStatus extends VersionRegion {
    /** Replication progress in percent, as Azure reports it. */
    progress?: number;
    /** Azure's words on the region's replication (why it failed, say). */
    details?: string;
    /** The target region's own `excludeFromLatest`, when it has one (it then wins over the version's). */
    ownExcludeFromLatest?: boolean;
}

/** What `latest` resolves to in one region. */
export interface RegionLatest {
    region: string;
    /** The version's name, or undefined when no version qualifies there. */
    version?: string;
    /** Why no version qualifies, e.g. "3 versions: 1 excluded from latest, 2 not replicated to East US". */
    reason?: string;
}

/** An image definition or a VM application, with its versions newest first. */
export interface DefinitionStatus {
    kind: "image" | "application";
    id: string;
    name: string;
    /** Every region a version targets, each once, in the order the newest versions list them. */
    regions: string[];
    versions: VersionStatus[];
    latest: RegionLatest[];
}

export interface GalleryStatus {
    id: string;
    subscriptionId: string;
    resourceGroupName: string;
    galleryName: string;
    definitions: DefinitionStatus[];
}
