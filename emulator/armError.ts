/** An error the emulated service answers with, in ARM's `{"error":{code,message,target}}` shape. */
export class ArmError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
        readonly target?: string,
        readonly headers: Record<string, string> = {},
    ) {
        super(message);
    }

    body(): { error: { code: string; message: string; target?: string } } {
        return { error: { code: this.code, message: this.message, ...(this.target ? { target: this.target } : {}) } };
    }
}

export const invalidParameter = (target: string, message: string) => new ArmError(400, "InvalidParameter", message, target);

/** The service's answer to a change of a property that is fixed at create. */
export const propertyChangeNotAllowed = (target: string) =>
    new ArmError(409, "PropertyChangeNotAllowed", `Changing property '${target}' is not allowed.`, target);
