import * as pulumi from "@pulumi/pulumi";
import { MODULE } from "./provider";
import { providerOf, registrationProps } from "./register";

export interface GalleryArgs {
    resourceGroupName: pulumi.Input<string>;
    /** Azure name: letters, digits, `.` and `_`, no dashes. Generated from the resource name when omitted. */
    galleryName?: pulumi.Input<string>;
    location: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    identity?: pulumi.Input<{ type: pulumi.Input<string>; userAssignedIdentities?: pulumi.Input<Record<string, object>> }>;
    softDeletePolicy?: pulumi.Input<{ isSoftDeleteEnabled?: pulumi.Input<boolean> }>;
    /** Fixed at create (Azure cannot change it). */
    sharingProfile?: pulumi.Input<{
        permissions?: pulumi.Input<"Private" | "Groups" | "Community">;
        communityGalleryInfo?: pulumi.Input<{
            publisherUri: pulumi.Input<string>;
            publisherContact: pulumi.Input<string>;
            eula: pulumi.Input<string>;
            publicNamePrefix: pulumi.Input<string>;
        }>;
    }>;
    /** Defaults to stack config, then ARM_SUBSCRIPTION_ID. */
    subscriptionId?: pulumi.Input<string>;
    /** Take over a gallery that already exists in Azure (its create-only properties must match). */
    adopt?: pulumi.Input<boolean>;
}

/** An Azure Compute Gallery. */
export class Gallery extends pulumi.dynamic.Resource {
    declare readonly galleryName: pulumi.Output<string>;
    declare readonly resourceGroupName: pulumi.Output<string>;
    declare readonly location: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string | undefined>;
    declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
    declare readonly subscriptionId: pulumi.Output<string>;
    declare readonly provisioningState: pulumi.Output<string>;
    /** Azure's unique name for the gallery ({subscriptionId}-{NAME}). */
    declare readonly uniqueName: pulumi.Output<string>;

    constructor(name: string, args: GalleryArgs, opts?: pulumi.CustomResourceOptions) {
        super(providerOf("gallery"), name, registrationProps("Gallery", name, args, ["galleryName", "subscriptionId", "provisioningState", "uniqueName"], opts), opts, MODULE, "Gallery");
    }
}
