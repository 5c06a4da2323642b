/** Which call failed: a submit may create a paid task; a status call, a download or an upload never does. */
export type CallPhase = "submit" | "status" | "download" | "upload";
