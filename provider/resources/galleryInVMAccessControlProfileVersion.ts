import * as pulumi from "@pulumi/pulumi";
import { ReplicationStatus, TargetRegionArgs } from "./galleryImageVersion";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ProvisioningState, ReadOptions, TimeoutsArgs } from "./types";

/** Spec (AccessControlRulesPrivilege): a host endpoint path, keyed by name. */
export interface AccessControlRulesPrivilegeArgs {
    name: pulumi.Input<string>;
    path: pulumi.Input<string>;
    queryParameters?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Spec (AccessControlRulesRole): privileges by name, keyed by name. */
export interface AccessControlRulesRoleArgs {
    name: pulumi.Input<string>;
    privileges: pulumi.Input<pulumi.Input<string>[]>;
}

/** Spec (AccessControlRulesIdentity): who asks, keyed by name. */
export interface AccessControlRulesIdentityArgs {
    name: pulumi.Input<string>;
    userName?: pulumi.Input<string>;
    groupName?: pulumi.Input<string>;
    exePath?: pulumi.Input<string>;
    processName?: pulumi.Input<string>;
}

/** Spec (AccessControlRulesRoleAssignment): identities by name given a role, keyed by role. */
export interface AccessControlRulesRoleAssignmentArgs {
    role: pulumi.Input<string>;
    identities: pulumi.Input<pulumi.Input<string>[]>;
}

/** Spec (AccessControlRules): all change in place. */
export interface AccessControlRulesArgs {
    privileges?: pulumi.Input<pulumi.Input<AccessControlRulesPrivilegeArgs>[]>;
    roles?: pulumi.Input<pulumi.Input<AccessControlRulesRoleArgs>[]>;
    identities?: pulumi.Input<pulumi.Input<AccessControlRulesIdentityArgs>[]>;
    roleAssignments?: pulumi.Input<pulumi.Input<AccessControlRulesRoleAssignmentArgs>[]>;
}

export interface GalleryInVMAccessControlProfileVersionArgs {
    resourceGroupName: pulumi.Input<string>;
    galleryName: pulumi.Input<string>;
    inVMAccessControlProfileName: pulumi.Input<string>;
    inVMAccessControlProfileVersionName: pulumi.Input<string>;
    location: pulumi.Input<string>;
    mode: pulumi.Input<"Audit" | "Enforce" | "Disabled">;
    defaultAccess: pulumi.Input<"Allow" | "Deny">;
    rules?: pulumi.Input<AccessControlRulesArgs>;
    /** The regions the version replicates to (spec TargetRegion items); they change in place. */
    targetLocations?: pulumi.Input<pulumi.Input<TargetRegionArgs>[]>;
    excludeFromLatest?: pulumi.Input<boolean>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Wait until every region has replicated (default), or return once Azure has accepted the version. */
    waitForReplication?: pulumi.Input<boolean>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** A version of an inVMAccessControlProfile: its access rules, replicated to its target locations. */
export class GalleryInVMAccessControlProfileVersion extends GalleryResource {
    /**
     * Reads an existing profile version by its ARM id
     * (`…/galleries/{gallery}/inVMAccessControlProfiles/{profile}/versions/{name}`), as azure-native's
     * `GalleryInVMAccessControlProfileVersion.get` does. The stack only reads it.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GalleryInVMAccessControlProfileVersion {
        return new GalleryInVMAccessControlProfileVersion(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryInVMAccessControlProfileVersionArgs, opts?: pulumi.CustomResourceOptions);
    /** What `GalleryInVMAccessControlProfileVersion.get` does: no arguments, `opts.id` the ARM id of the version to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryInVMAccessControlProfileVersionArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("galleryInVMAccessControlProfileVersion", name, args, opts);
    }
}

/** Every input as Azure has it, and what Azure reports of the version (spec: GalleryInVMAccessControlProfileVersion). */
export interface GalleryInVMAccessControlProfileVersion extends InputsAsOutputs<GalleryInVMAccessControlProfileVersionArgs, "subscriptionId"> {
    readonly provisioningState: pulumi.Output<ProvisioningState>;
    readonly publishedDate: pulumi.Output<string>;
    readonly replicationStatus: pulumi.Output<ReplicationStatus>;
}
