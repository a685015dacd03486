/**
 * The names of the mark a create leaves on a resource in Azure (ownership.ts says how it is used).
 * Plain names here, so that the field tables can keep the program off them without loading any of
 * the code that talks to Azure.
 */
export const OWNER_TAG = "managed-by-pulumi";
export const CLAIM_TAG = "managed-by-pulumi-claim";
export const MARK_TAGS = [OWNER_TAG, CLAIM_TAG] as const;

/** Where the outputs keep the claim of the create that made (or took back) the resource. */
export const CLAIM_OUTPUT = "__claim";
