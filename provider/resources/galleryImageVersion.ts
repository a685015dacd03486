import * as pulumi from "@pulumi/pulumi";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ProvisioningState, ReadOptions, Resolved, StorageAccountType, TimeoutsArgs } from "./types";

type HostCaching = "None" | "ReadOnly" | "ReadWrite";

/** A disk-encryption set for one disk (spec: DiskImageEncryption). */
export interface DiskEncryptionArgs {
    diskEncryptionSetId?: pulumi.Input<string>;
}

/** Spec (EncryptionImages): the encryption of a region's or edge zone's replicas, fixed once it holds them. */
export interface EncryptionImagesArgs {
    osDiskImage?: pulumi.Input<
        DiskEncryptionArgs & {
            securityProfile?: pulumi.Input<{
                confidentialVMEncryptionType?: pulumi.Input<"EncryptedVMGuestStateOnlyWithPmk" | "EncryptedWithPmk" | "EncryptedWithCmk" | "NonPersistedTPM">;
                secureVMDiskEncryptionSetId?: pulumi.Input<string>;
            }>;
        }
    >;
    dataDiskImages?: pulumi.Input<pulumi.Input<DiskEncryptionArgs & { lun: pulumi.Input<number> }>[]>;
}

export interface TargetRegionArgs {
    /** Region name in any spelling ARM accepts ("West US" or "westus"). */
    name: pulumi.Input<string>;
    regionalReplicaCount?: pulumi.Input<number>;
    /** Fixed once the region holds replicas. */
    storageAccountType?: pulumi.Input<StorageAccountType>;
    excludeFromLatest?: pulumi.Input<boolean>;
    /** Fixed once the region holds replicas. */
    encryption?: pulumi.Input<EncryptionImagesArgs>;
    /** Direct-drive replica sets beside the region's main replicas; their counts change in place. */
    additionalReplicaSets?: pulumi.Input<pulumi.Input<{ storageAccountType: pulumi.Input<StorageAccountType>; regionalReplicaCount?: pulumi.Input<number> }>[]>;
}

/** An Azure Extended Zone (edge zone) to replicate to. */
export interface TargetExtendedLocationArgs {
    /** The parent region, e.g. "westus". */
    name: pulumi.Input<string>;
    extendedLocation: pulumi.Input<{ name: pulumi.Input<string>; type?: pulumi.Input<"EdgeZone" | "Unknown"> }>;
    extendedLocationReplicaCount?: pulumi.Input<number>;
    /** Fixed once the zone holds replicas. */
    storageAccountType?: pulumi.Input<"Standard_LRS" | "Standard_ZRS" | "StandardSSD_LRS" | "Premium_LRS">;
    /** Fixed once the zone holds replicas. */
    encryption?: pulumi.Input<EncryptionImagesArgs>;
}

export interface PublishingProfileArgs {
    targetRegions?: pulumi.Input<pulumi.Input<TargetRegionArgs>[]>;
    targetExtendedLocations?: pulumi.Input<pulumi.Input<TargetExtendedLocationArgs>[]>;
    replicaCount?: pulumi.Input<number>;
    excludeFromLatest?: pulumi.Input<boolean>;
    endOfLifeDate?: pulumi.Input<string>;
    storageAccountType?: pulumi.Input<StorageAccountType>;
    storageAccountStrategy?: pulumi.Input<"PreferStandard_ZRS" | "DefaultStandard_LRS">;
    replicationMode?: pulumi.Input<"Full" | "Shallow">;
}

type DiskSource = pulumi.Input<{ id?: pulumi.Input<string>; uri?: pulumi.Input<string>; storageAccountId?: pulumi.Input<string> }>;

export interface OSDiskImageArgs {
    hostCaching?: pulumi.Input<HostCaching>;
    source?: DiskSource;
}

export interface DataDiskImageArgs extends OSDiskImageArgs {
    lun: pulumi.Input<number>;
}

/** Exactly one source: a managed image, snapshot, disk or version id; a VM; a community image; or disk sources. */
export interface StorageProfileArgs {
    source?: pulumi.Input<{ id?: pulumi.Input<string>; virtualMachineId?: pulumi.Input<string>; communityGalleryImageId?: pulumi.Input<string> }>;
    osDiskImage?: pulumi.Input<OSDiskImageArgs>;
    dataDiskImages?: pulumi.Input<pulumi.Input<DataDiskImageArgs>[]>;
}

/** A UEFI key signature (spec: UefiKey). */
export interface UefiKeyArgs {
    type: pulumi.Input<"sha256" | "x509">;
    value: pulumi.Input<pulumi.Input<string>[]>;
}

/** Spec (GalleryImageVersionUefiSettings); fixed at create. */
export interface UefiSettingsArgs {
    signatureTemplateNames?: pulumi.Input<pulumi.Input<"NoSignatureTemplate" | "MicrosoftUefiCertificateAuthorityTemplate" | "MicrosoftWindowsTemplate">[]>;
    additionalSignatures?: pulumi.Input<{
        pk?: pulumi.Input<UefiKeyArgs>;
        kek?: pulumi.Input<pulumi.Input<UefiKeyArgs>[]>;
        db?: pulumi.Input<pulumi.Input<UefiKeyArgs>[]>;
        dbx?: pulumi.Input<pulumi.Input<UefiKeyArgs>[]>;
    }>;
}

export interface SafetyProfileArgs {
    /** Needed to remove a target region that holds replicas. */
    allowDeletionOfReplicatedLocations?: pulumi.Input<boolean>;
    /** Azure refuses to delete the version before its end-of-life date. */
    blockDeletionBeforeEndOfLife?: pulumi.Input<boolean>;
}

export interface GalleryImageVersionArgs {
    resourceGroupName: pulumi.Input<string>;
    galleryName: pulumi.Input<string>;
    galleryImageName: pulumi.Input<string>;
    /** major.minor.patch, each part 0..2147483647. */
    galleryImageVersionName: pulumi.Input<string>;
    /** Must be the source's region; added to targetRegions when missing there. */
    location: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    publishingProfile?: pulumi.Input<PublishingProfileArgs>;
    storageProfile: pulumi.Input<StorageProfileArgs>;
    safetyProfile?: pulumi.Input<SafetyProfileArgs>;
    securityProfile?: pulumi.Input<{ uefiSettings?: pulumi.Input<UefiSettingsArgs> }>;
    /** Wait until every region has replicated (default), or return once Azure has accepted the version. */
    waitForReplication?: pulumi.Input<boolean>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    /**
     * When the gallery keeps a soft-deleted version of this name, a create restores it and brings it to
     * these inputs (an update where they differ) instead of sending a new version there. Only its
     * updatable properties can differ: the source and the other create-only properties must be the
     * deleted version's. Set it for the up that restores, then remove it (removing it is no change):
     * left on, a replacement of the version would restore the old one it just deleted.
     */
    restoreSoftDeleted?: pulumi.Input<boolean>;
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/**
 * The publishing profile as Azure reports it. Every official example answers with the target
 * regions, each region's replica count and the published date; in a preview, which shows the
 * program's own values, they may be missing, hence optional.
 */
export interface GalleryImageVersionPublishingProfile extends Resolved<PublishingProfileArgs> {
    /** When Azure published the version (RFC 3339), read-only. */
    publishedDate?: string;
}

/** A disk of the version as Azure reports it, with its size (read-only), also for disks a whole-image source brought. */
export interface GalleryOSDiskImage extends Resolved<OSDiskImageArgs> {
    sizeInGB?: number;
}

export interface GalleryDataDiskImage extends Resolved<DataDiskImageArgs> {
    sizeInGB?: number;
}

export interface GalleryImageVersionStorageProfile extends Resolved<StorageProfileArgs> {
    osDiskImage?: GalleryOSDiskImage;
    dataDiskImages?: GalleryDataDiskImage[];
}

/** Spec (PolicyViolationCategory). */
export type PolicyViolationCategory = "Other" | "ImageFlaggedUnsafe" | "CopyrightValidation" | "IpTheft";

export interface GalleryImageVersionSafetyProfile extends Resolved<SafetyProfileArgs> {
    /** Whether Azure has reported the version for a policy violation, read-only. */
    reportedForPolicyViolation?: boolean;
    policyViolations?: { category?: PolicyViolationCategory; details?: string }[];
}

/** Spec (ValidationsProfile): the validations Azure ran on the version, read-only. */
export interface ValidationsProfile {
    validationEtag?: string;
    executedValidations?: { type?: string; status?: "Unknown" | "Failed" | "Succeeded"; version?: string; executionTime?: string }[];
    platformAttributes?: { name?: string; value?: string }[];
}

/** Spec (ReplicationStatus), read with `$expand=ReplicationStatus`. */
export interface ReplicationStatus {
    aggregatedState: "Unknown" | "InProgress" | "Completed" | "Failed";
    summary: { region: string; state: "Unknown" | "Replicating" | "Completed" | "Failed"; progress: number; details?: string }[];
}

/** A published image version, replicated to its target regions. */
export class GalleryImageVersion extends GalleryResource {
    /**
     * Reads an existing image version by its ARM id (`…/galleries/{gallery}/images/{image}/versions/{name}`),
     * as azure-native's `GalleryImageVersion.get` does. The stack only reads it: `up` and `destroy`
     * leave it alone.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GalleryImageVersion {
        return new GalleryImageVersion(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryImageVersionArgs, opts?: pulumi.CustomResourceOptions);
    /** What `GalleryImageVersion.get` does: no arguments, `opts.id` the ARM id of the version to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryImageVersionArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("galleryImageVersion", name, args, opts);
    }
}

/** Every input as Azure has it, and what Azure reports of the version (spec: GalleryImageVersion). */
export interface GalleryImageVersion extends InputsAsOutputs<GalleryImageVersionArgs, "subscriptionId"> {
    readonly publishingProfile: pulumi.Output<GalleryImageVersionPublishingProfile>;
    readonly storageProfile: pulumi.Output<GalleryImageVersionStorageProfile>;
    readonly safetyProfile: pulumi.Output<GalleryImageVersionSafetyProfile | undefined>;
    readonly provisioningState: pulumi.Output<ProvisioningState>;
    readonly replicationStatus: pulumi.Output<ReplicationStatus>;
    readonly validationsProfile: pulumi.Output<ValidationsProfile | undefined>;
    /** `publishingProfile.publishedDate`. */
    readonly publishedDate: pulumi.Output<string>;
}
