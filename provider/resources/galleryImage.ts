import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceArgs } from "./register";

type Range = pulumi.Input<{ min?: pulumi.Input<number>; max?: pulumi.Input<number> }>;

export interface GalleryImageArgs {
    resourceGroupName: pulumi.Input<string>;
    galleryName: pulumi.Input<string>;
    /** Azure name of the definition; generated from the resource name when omitted. */
    galleryImageName?: pulumi.Input<string>;
    location: pulumi.Input<string>;
    osType: pulumi.Input<"Windows" | "Linux">;
    osState: pulumi.Input<"Generalized" | "Specialized">;
    identifier: pulumi.Input<{ publisher: pulumi.Input<string>; offer: pulumi.Input<string>; sku: pulumi.Input<string> }>;
    hyperVGeneration?: pulumi.Input<"V1" | "V2">;
    architecture?: pulumi.Input<"x64" | "Arm64">;
    description?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    eula?: pulumi.Input<string>;
    privacyStatementUri?: pulumi.Input<string>;
    releaseNoteUri?: pulumi.Input<string>;
    /** RFC 3339; must be in the future. Leaving it out later keeps the current date (Azure cannot clear it). */
    endOfLifeDate?: pulumi.Input<string>;
    recommended?: pulumi.Input<{ vCPUs?: Range; memory?: Range }>;
    disallowed?: pulumi.Input<{ diskTypes?: pulumi.Input<pulumi.Input<string>[]> }>;
    purchasePlan?: pulumi.Input<{ name?: pulumi.Input<string>; publisher?: pulumi.Input<string>; product?: pulumi.Input<string> }>;
    /** The SecurityType feature; anything but Standard needs hyperVGeneration V2. */
    securityType?: pulumi.Input<"Standard" | "TrustedLaunch" | "TrustedLaunchSupported" | "ConfidentialVM" | "ConfidentialVMSupported" | "TrustedLaunchAndConfidentialVmSupported">;
    isAcceleratedNetworkSupported?: pulumi.Input<boolean>;
    isHibernateSupported?: pulumi.Input<boolean>;
    diskControllerTypes?: pulumi.Input<pulumi.Input<"SCSI" | "NVMe">[]>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    /**
     * How long an up waits for Azure, per operation, written as Pulumi's customTimeouts are ("90m",
     * "1h30m"; defaults 3h, 3h, 1h). At the limit Azure goes on, the resource is kept in state, and
     * the next up waits for it again without sending it.
     */
    timeouts?: pulumi.Input<{ create?: pulumi.Input<string>; update?: pulumi.Input<string>; delete?: pulumi.Input<string> }>;
}

/** An image definition in a gallery. */
export class GalleryImage extends pulumi.dynamic.Resource {
    declare readonly galleryImageName: pulumi.Output<string>;
    declare readonly galleryName: pulumi.Output<string>;
    declare readonly resourceGroupName: pulumi.Output<string>;
    declare readonly location: pulumi.Output<string>;
    declare readonly hyperVGeneration: pulumi.Output<string>;
    declare readonly architecture: pulumi.Output<string>;
    declare readonly subscriptionId: pulumi.Output<string>;
    declare readonly provisioningState: pulumi.Output<string>;

    constructor(name: string, args: GalleryImageArgs, opts?: pulumi.CustomResourceOptions) {
        super(...dynamicResourceArgs("galleryImage", "GalleryImage", name, args, opts));
    }
}
