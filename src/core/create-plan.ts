import type { NameCheck } from "./dir-name";
import { providerInfo, type ProviderId } from "./providers";
import { buildCreateBody, type CreateDirBody } from "./request";

export interface CreateContext {
  readonly check: NameCheck;
  readonly selected: ProviderId;
  /** The provider saved in the kernel's config; `null` while it is unknown. */
  readonly active: ProviderId | null;
  readonly readonly: boolean;
  readonly isPublish: boolean;
  readonly busy: boolean;
}

/** Why nothing can be sent at all. */
export type CreateBlocker = "publish" | "readonly" | "busy" | "invalidName";

export interface CreatePlan {
  readonly blocker: CreateBlocker | null;
  /** The kernel ignores the selection and uses the active provider: the user must agree first. */
  readonly needsProviderConfirmation: boolean;
  /** The active provider is S3 or WebDAV, where the kernel refuses with message 131. */
  readonly activeRefusesCreate: boolean;
  /** What will be sent; `null` when the name is invalid. */
  readonly body: CreateDirBody | null;
}

/** In order of importance: a locked SiYuan matters more than a request in flight or a bad name. */
function firstBlocker(context: CreateContext, nameInvalid: boolean): CreateBlocker | null {
  if (context.isPublish) return "publish";
  if (context.readonly) return "readonly";
  if (context.busy) return "busy";
  if (nameInvalid) return "invalidName";
  return null;
}

export function planCreate(context: CreateContext): CreatePlan {
  const { check, selected, active } = context;
  const body = check.problem ? null : buildCreateBody(check.name, selected, check.input);
  const blocker = firstBlocker(context, body === null);
  return {
    blocker,
    needsProviderConfirmation: active === null || active !== selected,
    activeRefusesCreate: active !== null && !providerInfo(active).managesDirectories,
    body,
  };
}
