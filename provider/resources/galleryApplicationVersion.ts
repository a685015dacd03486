import * as pulumi from "@pulumi/pulumi";
import { GalleryApplicationCustomActionArgs } from "./galleryApplication";
import { ReplicationStatus, TargetExtendedLocationArgs, TargetRegionArgs } from "./galleryImageVersion";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ProvisioningState, ReadOptions, Resolved, StorageAccountType, TimeoutsArgs } from "./types";

/**
 * Spec (UserArtifactSource): blob links, usually with a SAS token. Kept secret in state whether or
 * not the program marks them, and never written in a message. Only the SAS token may change (an
 * update in place); another link replaces the version.
 */
export interface UserArtifactSourceArgs {
    mediaLink: pulumi.Input<string>;
    defaultConfigurationLink?: pulumi.Input<string>;
}

/** Spec (UserArtifactManage): up to 4096 characters each; fixed at create. */
export interface UserArtifactManageArgs {
    install: pulumi.Input<string>;
    remove: pulumi.Input<string>;
    /** Without it, an update runs the previous version's remove, then this install. */
    update?: pulumi.Input<string>;
}

/** Spec (UserArtifactSettings): fixed at create. */
export interface UserArtifactSettingsArgs {
    packageFileName?: pulumi.Input<string>;
    configFileName?: pulumi.Input<string>;
    scriptBehaviorAfterReboot?: pulumi.Input<"None" | "Rerun">;
}

/** A target region of an application version: 1 to 10 replicas, and no encryption (Azure supports none for applications). */
export type ApplicationTargetRegionArgs = Omit<TargetRegionArgs, "encryption">;
export type ApplicationTargetExtendedLocationArgs = Omit<TargetExtendedLocationArgs, "encryption">;

export interface GalleryApplicationVersionPublishingProfileArgs {
    source: pulumi.Input<UserArtifactSourceArgs>;
    manageActions?: pulumi.Input<UserArtifactManageArgs>;
    settings?: pulumi.Input<UserArtifactSettingsArgs>;
    /** For advanced use only: passed to the vm-application-manager extension. */
    advancedSettings?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    enableHealthCheck?: pulumi.Input<boolean>;
    customActions?: pulumi.Input<pulumi.Input<GalleryApplicationCustomActionArgs>[]>;
    targetRegions?: pulumi.Input<pulumi.Input<ApplicationTargetRegionArgs>[]>;
    targetExtendedLocations?: pulumi.Input<pulumi.Input<ApplicationTargetExtendedLocationArgs>[]>;
    /** 1 to 10. */
    replicaCount?: pulumi.Input<number>;
    excludeFromLatest?: pulumi.Input<boolean>;
    endOfLifeDate?: pulumi.Input<string>;
    /** Standard_LRS when left out; fixed at create. */
    storageAccountType?: pulumi.Input<StorageAccountType>;
    storageAccountStrategy?: pulumi.Input<"PreferStandard_ZRS" | "DefaultStandard_LRS">;
    replicationMode?: pulumi.Input<"Full" | "Shallow">;
}

export interface GalleryApplicationVersionArgs {
    resourceGroupName: pulumi.Input<string>;
    galleryName: pulumi.Input<string>;
    galleryApplicationName: pulumi.Input<string>;
    /** major.minor.patch, each part 0..2147483647. */
    galleryApplicationVersionName: pulumi.Input<string>;
    /** Added to targetRegions when missing there. */
    location: pulumi.Input<string>;
    publishingProfile: pulumi.Input<GalleryApplicationVersionPublishingProfileArgs>;
    safetyProfile?: pulumi.Input<{ allowDeletionOfReplicatedLocations?: pulumi.Input<boolean> }>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Wait until every region has replicated (default), or return once Azure has accepted the version. */
    waitForReplication?: pulumi.Input<boolean>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** The publishing profile as Azure reports it, with when Azure published the version (read-only). */
export interface GalleryApplicationVersionPublishingProfile extends Resolved<GalleryApplicationVersionPublishingProfileArgs> {
    publishedDate?: string;
}

/** A version of a VM application, replicated to its target regions. */
export class GalleryApplicationVersion extends GalleryResource {
    /**
     * Reads an existing application version by its ARM id
     * (`…/galleries/{gallery}/applications/{application}/versions/{name}`), as azure-native's
     * `GalleryApplicationVersion.get` does. The stack only reads it; its publishing profile, which
     * holds the source links, is secret.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GalleryApplicationVersion {
        return new GalleryApplicationVersion(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryApplicationVersionArgs, opts?: pulumi.CustomResourceOptions);
    /** What `GalleryApplicationVersion.get` does: no arguments, `opts.id` the ARM id of the version to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryApplicationVersionArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("galleryApplicationVersion", name, args, opts);
    }
}

/** Every input as Azure has it, and what Azure reports of the version (spec: GalleryApplicationVersion). */
export interface GalleryApplicationVersion extends InputsAsOutputs<GalleryApplicationVersionArgs, "subscriptionId"> {
    readonly publishingProfile: pulumi.Output<GalleryApplicationVersionPublishingProfile>;
    readonly provisioningState: pulumi.Output<ProvisioningState>;
    readonly replicationStatus: pulumi.Output<ReplicationStatus>;
    /** `publishingProfile.publishedDate`. */
    readonly publishedDate: pulumi.Output<string>;
}
