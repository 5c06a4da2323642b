/**
 * How xingchaoyiqing words a failed task's `error`, per `fail=` code. The vendor documents no codes and no
 * wording; a platform relaying Gemini's Nano Banana to Chinese customers answers in Chinese, sometimes with the
 * upstream reason appended, so that is what the emulator sends. A client must read the message to tell a content
 * refusal (`CONTENT_VIOLATION`) or an empty account (`INSUFFICIENT_BALANCE`) from any other failure.
 */
export const XINGCHAOYIQING_FAIL_MESSAGES: Readonly<Record<string, string>> = {
  CONTENT_VIOLATION: "内容违规：提示词或参考图片未通过安全审核，请修改后重试 (IMAGE_SAFETY)",
  INVALID_IMAGE_URL: "参考图片下载失败，请检查图片链接是否可以公开访问",
  INVALID_PARAMETER: "参数错误：模型不支持该参数组合",
  INSUFFICIENT_BALANCE: "账户余额不足，请充值后重试",
  UPSTREAM_ERROR: "上游服务异常，请稍后重试",
  TIMEOUT: "生成超时，请稍后重试",
};
