import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceArgs } from "./register";

export interface GalleryArgs {
    resourceGroupName: pulumi.Input<string>;
    /** Azure name: letters, digits, `.` and `_`, no dashes. Generated from the resource name when omitted. */
    galleryName?: pulumi.Input<string>;
    location: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * A managed identity. Keys of `userAssignedIdentities` are the identities' ARM ids (values `{}`;
     * Azure fills in their principal and client ids). Removed from the program, the type goes to "None".
     */
    identity?: pulumi.Input<{
        type: pulumi.Input<"SystemAssigned" | "UserAssigned" | "SystemAssigned, UserAssigned" | "None">;
        userAssignedIdentities?: pulumi.Input<Record<string, object>>;
    }>;
    softDeletePolicy?: pulumi.Input<{ isSoftDeleteEnabled?: pulumi.Input<boolean> }>;
    sharingProfile?: pulumi.Input<{
        /** Fixed at create (Azure cannot change it). */
        permissions?: pulumi.Input<"Private" | "Groups" | "Community">;
        /**
         * Subscriptions and tenants the gallery is shared with (permissions Groups); changed in place
         * through Azure's /share. Left out, sharing made elsewhere is left alone; `[]` shares with nobody.
         */
        groups?: pulumi.Input<pulumi.Input<{ type: pulumi.Input<"Subscriptions" | "AADTenants">; ids: pulumi.Input<pulumi.Input<string>[]> }>[]>;
        communityGalleryInfo?: pulumi.Input<{
            /** The four details below are fixed at create. */
            publisherUri: pulumi.Input<string>;
            publisherContact: pulumi.Input<string>;
            eula: pulumi.Input<string>;
            publicNamePrefix: pulumi.Input<string>;
            /** true publishes the gallery to the community (Azure's /share EnableCommunity); it cannot be turned back off in place. */
            communityGalleryEnabled?: pulumi.Input<boolean>;
        }>;
    }>;
    /** Defaults to stack config, then ARM_SUBSCRIPTION_ID. */
    subscriptionId?: pulumi.Input<string>;
    /** Take over a gallery that already exists in Azure (its create-only properties must match). */
    adopt?: pulumi.Input<boolean>;
    /**
     * How long an up waits for Azure, per operation, written as Pulumi's customTimeouts are ("90m",
     * "1h30m"; defaults 3h, 3h, 1h). At the limit Azure goes on, the resource is kept in state, and
     * the next up waits for it again without sending it.
     */
    timeouts?: pulumi.Input<{ create?: pulumi.Input<string>; update?: pulumi.Input<string>; delete?: pulumi.Input<string> }>;
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
    /** The principal id of the gallery's system-assigned identity, to grant it access to what it reads. */
    declare readonly identityPrincipalId: pulumi.Output<string | undefined>;
    /** The names the community sees, once the gallery is published to it. */
    declare readonly communityPublicNames: pulumi.Output<string[] | undefined>;

    constructor(name: string, args: GalleryArgs, opts?: pulumi.CustomResourceOptions) {
        super(...dynamicResourceArgs("gallery", "Gallery", name, args, opts));
    }
}
