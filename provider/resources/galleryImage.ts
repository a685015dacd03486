import * as pulumi from "@pulumi/pulumi";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ProvisioningState, ReadOptions, TimeoutsArgs } from "./types";

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
    /** V2 when left out (Azure's default from api-version 2025-03-03 on). */
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
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** An image definition in a gallery. */
export class GalleryImage extends GalleryResource {
    /**
     * Reads an existing image definition by its ARM id (`…/galleries/{gallery}/images/{name}`), as
     * azure-native's `GalleryImage.get` does. The stack only reads it: `up` and `destroy` leave it alone.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GalleryImage {
        return new GalleryImage(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryImageArgs, opts?: pulumi.CustomResourceOptions);
    /** What `GalleryImage.get` does: no arguments, `opts.id` the ARM id of the definition to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryImageArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("galleryImage", name, args, opts);
    }
}

/**
 * Every input as Azure has it, and what Azure reports of the definition (spec: GalleryImage). Every
 * official example answers with a Hyper-V generation.
 */
export interface GalleryImage extends InputsAsOutputs<GalleryImageArgs, "galleryImageName" | "subscriptionId" | "hyperVGeneration"> {
    readonly provisioningState: pulumi.Output<ProvisioningState>;
}
