import * as pulumi from "@pulumi/pulumi";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ProvisioningState, ReadOptions, Resolved, TimeoutsArgs } from "./types";

/**
 * A managed identity. Removed from the program, the type goes to "None" (spec: "The type 'None'
 * will remove any identities from the gallery").
 */
export interface GalleryIdentityArgs {
    type: pulumi.Input<"SystemAssigned" | "UserAssigned" | "SystemAssigned, UserAssigned" | "None">;
    /** Keyed by the identities' ARM ids, values `{}`: Azure fills in their principal and client ids. */
    userAssignedIdentities?: pulumi.Input<Record<string, object>>;
}

export interface SharingProfileGroupArgs {
    type: pulumi.Input<"Subscriptions" | "AADTenants">;
    ids: pulumi.Input<pulumi.Input<string>[]>;
}

export interface CommunityGalleryInfoArgs {
    /** The four details below are fixed at create. */
    publisherUri: pulumi.Input<string>;
    publisherContact: pulumi.Input<string>;
    eula: pulumi.Input<string>;
    publicNamePrefix: pulumi.Input<string>;
    /** true publishes the gallery to the community (Azure's /share EnableCommunity); it cannot be turned back off in place. */
    communityGalleryEnabled?: pulumi.Input<boolean>;
}

export interface SharingProfileArgs {
    /** Fixed at create (Azure cannot change it). */
    permissions?: pulumi.Input<"Private" | "Groups" | "Community">;
    /**
     * Subscriptions and tenants the gallery is shared with (permissions Groups); changed in place
     * through Azure's /share. Left out, sharing made elsewhere is left alone; `[]` shares with nobody.
     */
    groups?: pulumi.Input<pulumi.Input<SharingProfileGroupArgs>[]>;
    communityGalleryInfo?: pulumi.Input<CommunityGalleryInfoArgs>;
}

export interface GalleryArgs {
    resourceGroupName: pulumi.Input<string>;
    /** Azure name: letters, digits, `.` and `_`, no dashes. Generated from the resource name when omitted. */
    galleryName?: pulumi.Input<string>;
    location: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    identity?: pulumi.Input<GalleryIdentityArgs>;
    softDeletePolicy?: pulumi.Input<{ isSoftDeleteEnabled?: pulumi.Input<boolean> }>;
    sharingProfile?: pulumi.Input<SharingProfileArgs>;
    /** Defaults to stack config, then ARM_SUBSCRIPTION_ID. */
    subscriptionId?: pulumi.Input<string>;
    /** Take over a gallery that already exists in Azure (its create-only properties must match). */
    adopt?: pulumi.Input<boolean>;
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** The ids Azure gives a user-assigned identity (spec: UserAssignedIdentitiesValue, read-only). */
export interface UserAssignedIdentity {
    principalId?: string;
    clientId?: string;
}

/** The gallery's managed identity as Azure reports it (spec: GalleryIdentity). */
export interface GalleryIdentity extends Resolved<GalleryIdentityArgs> {
    /** The system-assigned identity's service principal, to grant it access to what it reads. */
    principalId?: string;
    tenantId?: string;
    userAssignedIdentities?: Record<string, UserAssignedIdentity>;
}

/** Spec (CommunityGalleryInfo): what the community sees once the gallery is published. */
export interface CommunityGalleryInfo extends Resolved<CommunityGalleryInfoArgs> {
    communityGalleryEnabled?: boolean;
    /** The gallery's public names, read-only. */
    publicNames?: string[];
}

export interface SharingProfile extends Resolved<SharingProfileArgs> {
    communityGalleryInfo?: CommunityGalleryInfo;
}

/** Spec (GalleryIdentifier): Azure's unique name for the gallery, {subscriptionId}-{NAME}. */
export interface GalleryIdentifier {
    uniqueName: string;
}

/** Spec (SharingState). */
export type SharingState = "Succeeded" | "InProgress" | "Failed" | "Unknown";

/** Spec (SharingStatus): how far Azure got sharing the gallery, per region. */
export interface SharingStatus {
    aggregatedState?: SharingState;
    summary?: { region?: string; state?: SharingState; details?: string }[];
}

/** An Azure Compute Gallery. */
export class Gallery extends GalleryResource {
    /**
     * Reads an existing gallery by its ARM id
     * (`/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Compute/galleries/{name}`), as
     * azure-native's `Gallery.get` does. The stack only reads it: `up` and `destroy` leave it alone.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Gallery {
        return new Gallery(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryArgs, opts?: pulumi.CustomResourceOptions);
    /** What `Gallery.get` does: no arguments, `opts.id` the ARM id of the gallery to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("gallery", name, args, opts);
    }
}

/** Every input as Azure has it, and what Azure reports of the gallery (spec: Gallery). */
export interface Gallery extends InputsAsOutputs<GalleryArgs, "galleryName" | "subscriptionId"> {
    readonly identity: pulumi.Output<GalleryIdentity | undefined>;
    readonly sharingProfile: pulumi.Output<SharingProfile | undefined>;
    readonly provisioningState: pulumi.Output<ProvisioningState>;
    readonly identifier: pulumi.Output<GalleryIdentifier>;
    /** Reported while Azure shares the gallery, or after. */
    readonly sharingStatus: pulumi.Output<SharingStatus | undefined>;
    /** `identifier.uniqueName`. */
    readonly uniqueName: pulumi.Output<string>;
    /** `identity.principalId`. */
    readonly identityPrincipalId: pulumi.Output<string | undefined>;
    /** `sharingProfile.communityGalleryInfo.publicNames`. */
    readonly communityPublicNames: pulumi.Output<string[] | undefined>;
}
