import * as pulumi from "@pulumi/pulumi";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ProvisioningState, ReadOptions, Resolved, TimeoutsArgs } from "./types";

/** Spec (GalleryInVMAccessControlProfileProperties): nested under `properties`, as the SDK's model has them. */
export interface GalleryInVMAccessControlProfilePropertiesArgs {
    /** The OS of the VMs the profile applies to; fixed at create. */
    osType: pulumi.Input<"Windows" | "Linux">;
    /** The host endpoint the profile controls access to; fixed at create. */
    applicableHostEndpoint: pulumi.Input<"WireServer" | "IMDS">;
    description?: pulumi.Input<string>;
}

export interface GalleryInVMAccessControlProfileArgs {
    resourceGroupName: pulumi.Input<string>;
    galleryName: pulumi.Input<string>;
    /** Generated from the resource name when omitted. */
    inVMAccessControlProfileName?: pulumi.Input<string>;
    location: pulumi.Input<string>;
    properties: pulumi.Input<GalleryInVMAccessControlProfilePropertiesArgs>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** The properties as Azure reports them, with its provisioning state (read-only). */
export interface GalleryInVMAccessControlProfileProperties extends Resolved<GalleryInVMAccessControlProfilePropertiesArgs> {
    provisioningState?: ProvisioningState;
}

/** An inVMAccessControlProfile in a gallery (access rules for a VM's host endpoints): its versions live under it. */
export class GalleryInVMAccessControlProfile extends GalleryResource {
    /**
     * Reads an existing profile by its ARM id (`…/galleries/{gallery}/inVMAccessControlProfiles/{name}`),
     * as azure-native's `GalleryInVMAccessControlProfile.get` does. The stack only reads it.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GalleryInVMAccessControlProfile {
        return new GalleryInVMAccessControlProfile(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryInVMAccessControlProfileArgs, opts?: pulumi.CustomResourceOptions);
    /** What `GalleryInVMAccessControlProfile.get` does: no arguments, `opts.id` the ARM id of the profile to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryInVMAccessControlProfileArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("galleryInVMAccessControlProfile", name, args, opts);
    }
}

/** Every input as Azure has it, and its provisioning state (spec: GalleryInVMAccessControlProfile). */
export interface GalleryInVMAccessControlProfile extends InputsAsOutputs<GalleryInVMAccessControlProfileArgs, "inVMAccessControlProfileName" | "subscriptionId"> {
    readonly properties: pulumi.Output<GalleryInVMAccessControlProfileProperties>;
}
