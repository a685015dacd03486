import * as pulumi from "@pulumi/pulumi";
import { ReplicationStatus, TargetExtendedLocationArgs, TargetRegionArgs } from "./galleryImageVersion";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ProvisioningState, ReadOptions, Resolved, StorageAccountType, TimeoutsArgs } from "./types";

/** Spec (GalleryScriptParameter, GenericGalleryParameter): keyed by name; fixed at create. */
export interface GalleryScriptParameterArgs {
    name: pulumi.Input<string>;
    required?: pulumi.Input<boolean>;
    type?: pulumi.Input<"String" | "Int" | "Double" | "Boolean" | "Enum">;
    /** The parameter's own default; only for String parameters. */
    defaultValue?: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    minValue?: pulumi.Input<string>;
    maxValue?: pulumi.Input<string>;
    enumValues?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * Spec (ScriptSource): the script's blob link, usually with a SAS token. Kept secret in state whether
 * or not the program marks it, and never written in a message. Only the SAS token may change (an
 * update in place); another link replaces the version. Azure answers with the link without its token.
 */
export interface ScriptSourceArgs {
    scriptLink: pulumi.Input<string>;
    parameters?: pulumi.Input<pulumi.Input<GalleryScriptParameterArgs>[]>;
}

export interface GalleryScriptVersionPublishingProfileArgs {
    source: pulumi.Input<ScriptSourceArgs>;
    targetRegions?: pulumi.Input<pulumi.Input<TargetRegionArgs>[]>;
    targetExtendedLocations?: pulumi.Input<pulumi.Input<TargetExtendedLocationArgs>[]>;
    replicaCount?: pulumi.Input<number>;
    excludeFromLatest?: pulumi.Input<boolean>;
    endOfLifeDate?: pulumi.Input<string>;
    /** Standard_LRS when left out; fixed at create. */
    storageAccountType?: pulumi.Input<StorageAccountType>;
    storageAccountStrategy?: pulumi.Input<"PreferStandard_ZRS" | "DefaultStandard_LRS">;
    replicationMode?: pulumi.Input<"Full" | "Shallow">;
}

/** Spec (GalleryScriptVersionProperties): nested under `properties`, as the SDK's GalleryScriptVersion model has them. */
export interface GalleryScriptVersionPropertiesArgs {
    publishingProfile: pulumi.Input<GalleryScriptVersionPublishingProfileArgs>;
    safetyProfile?: pulumi.Input<{ allowDeletionOfReplicatedLocations?: pulumi.Input<boolean> }>;
}

export interface GalleryScriptVersionArgs {
    resourceGroupName: pulumi.Input<string>;
    galleryName: pulumi.Input<string>;
    galleryScriptName: pulumi.Input<string>;
    /** major.minor.patch, each part 0..2147483647. */
    galleryScriptVersionName: pulumi.Input<string>;
    /** Added to targetRegions when missing there. */
    location: pulumi.Input<string>;
    properties: pulumi.Input<GalleryScriptVersionPropertiesArgs>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Wait until every region has replicated (default), or return once Azure has accepted the version. */
    waitForReplication?: pulumi.Input<boolean>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** The properties as Azure reports them, with what Azure reports of the version (read-only). */
export interface GalleryScriptVersionProperties extends Resolved<GalleryScriptVersionPropertiesArgs> {
    publishingProfile: Resolved<GalleryScriptVersionPublishingProfileArgs> & { publishedDate?: string };
    provisioningState?: ProvisioningState;
    replicationStatus?: ReplicationStatus;
}

/** A version of a gallery script, replicated to its target regions. */
export class GalleryScriptVersion extends GalleryResource {
    /**
     * Reads an existing script version by its ARM id
     * (`…/galleries/{gallery}/scripts/{script}/versions/{name}`), as azure-native's
     * `GalleryScriptVersion.get` does. The stack only reads it.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GalleryScriptVersion {
        return new GalleryScriptVersion(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryScriptVersionArgs, opts?: pulumi.CustomResourceOptions);
    /** What `GalleryScriptVersion.get` does: no arguments, `opts.id` the ARM id of the version to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryScriptVersionArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("galleryScriptVersion", name, args, opts);
    }
}

/** Every input as Azure has it, and what Azure reports of the version (spec: GalleryScriptVersion). */
export interface GalleryScriptVersion extends InputsAsOutputs<GalleryScriptVersionArgs, "subscriptionId"> {
    readonly properties: pulumi.Output<GalleryScriptVersionProperties>;
    /** `properties.publishingProfile.publishedDate`. */
    readonly publishedDate: pulumi.Output<string>;
}
