import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceArgs } from "./register";

type StorageAccountType = "Standard_LRS" | "Standard_ZRS" | "Premium_LRS" | "PremiumV2_LRS";
type DiskSource = pulumi.Input<{ id?: pulumi.Input<string>; uri?: pulumi.Input<string>; storageAccountId?: pulumi.Input<string> }>;
type HostCaching = "None" | "ReadOnly" | "ReadWrite";

export interface TargetRegionArgs {
    /** Region name in any spelling ARM accepts ("West US" or "westus"). */
    name: pulumi.Input<string>;
    regionalReplicaCount?: pulumi.Input<number>;
    /** Fixed once the region holds replicas. */
    storageAccountType?: pulumi.Input<StorageAccountType>;
    excludeFromLatest?: pulumi.Input<boolean>;
    /** Fixed once the region holds replicas. */
    encryption?: pulumi.Input<object>;
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
    encryption?: pulumi.Input<object>;
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
    publishingProfile?: pulumi.Input<{
        targetRegions?: pulumi.Input<pulumi.Input<TargetRegionArgs>[]>;
        targetExtendedLocations?: pulumi.Input<pulumi.Input<TargetExtendedLocationArgs>[]>;
        replicaCount?: pulumi.Input<number>;
        excludeFromLatest?: pulumi.Input<boolean>;
        endOfLifeDate?: pulumi.Input<string>;
        storageAccountType?: pulumi.Input<StorageAccountType>;
        storageAccountStrategy?: pulumi.Input<"PreferStandard_ZRS" | "DefaultStandard_LRS">;
        replicationMode?: pulumi.Input<"Full" | "Shallow">;
    }>;
    /** Exactly one source: a managed image, snapshot, disk or version id; a VM; a community image; or disk sources. */
    storageProfile: pulumi.Input<{
        source?: pulumi.Input<{ id?: pulumi.Input<string>; virtualMachineId?: pulumi.Input<string>; communityGalleryImageId?: pulumi.Input<string> }>;
        osDiskImage?: pulumi.Input<{ hostCaching?: pulumi.Input<HostCaching>; source?: DiskSource }>;
        dataDiskImages?: pulumi.Input<pulumi.Input<{ lun: pulumi.Input<number>; hostCaching?: pulumi.Input<HostCaching>; source?: DiskSource }>[]>;
    }>;
    safetyProfile?: pulumi.Input<{ allowDeletionOfReplicatedLocations?: pulumi.Input<boolean>; blockDeletionBeforeEndOfLife?: pulumi.Input<boolean> }>;
    securityProfile?: pulumi.Input<{ uefiSettings?: pulumi.Input<object> }>;
    /** Wait until every region has replicated (default), or return once Azure has accepted the version. */
    waitForReplication?: pulumi.Input<boolean>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    /**
     * How long an up waits for Azure, per operation, written as Pulumi's customTimeouts are ("90m",
     * "1h30m"; defaults 3h, 3h, 1h). At the limit Azure goes on, the resource is kept in state, and
     * the next up waits for it again without sending it.
     */
    timeouts?: pulumi.Input<{ create?: pulumi.Input<string>; update?: pulumi.Input<string>; delete?: pulumi.Input<string> }>;
}

export interface ReplicationStatus {
    aggregatedState: string;
    summary: { region: string; state: string; progress: number; details?: string }[];
}

/** A published image version, replicated to its target regions. */
export class GalleryImageVersion extends pulumi.dynamic.Resource {
    declare readonly galleryImageVersionName: pulumi.Output<string>;
    declare readonly location: pulumi.Output<string>;
    declare readonly subscriptionId: pulumi.Output<string>;
    declare readonly provisioningState: pulumi.Output<string>;
    declare readonly publishedDate: pulumi.Output<string>;
    declare readonly replicationStatus: pulumi.Output<ReplicationStatus>;

    constructor(name: string, args: GalleryImageVersionArgs, opts?: pulumi.CustomResourceOptions) {
        super(...dynamicResourceArgs("galleryImageVersion", "GalleryImageVersion", name, args, opts));
    }
}
