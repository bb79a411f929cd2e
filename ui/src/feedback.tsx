// The one place where errors and notices are shown to the clerk. The antd
// App context (theme, zh_CN locale) is captured by <FeedbackHost/>; anything
// may then call reportError / notifySuccess, and a promise rejection that
// nobody caught is reported here too.
import { App } from "antd";
import { useEffect } from "react";
import type { MessageInstance } from "antd/es/message/interface";
import type { NotificationInstance } from "antd/es/notification/interface";
import { toApiError } from "./api/invoke";

let messageApi: MessageInstance | null = null;
let notificationApi: NotificationInstance | null = null;

/** Shows an error (a command's `{code, message}` or anything thrown). */
export function reportError(e: unknown, title = "操作未完成"): void {
  const err = toApiError(e);
  if (notificationApi) {
    notificationApi.error({
      message: title,
      description: <span data-testid="error-message">{err.message}</span>,
      duration: 8,
    });
  } else {
    console.error(err);
  }
}

/** A short success notice. */
export function notifySuccess(text: string): void {
  messageApi?.success(text);
}

/** A short warning notice. */
export function notifyWarning(text: string): void {
  messageApi?.warning(text);
}

/** Mount once inside antd's <App>. */
export function FeedbackHost() {
  const { message, notification } = App.useApp();
  useEffect(() => {
    messageApi = message;
    notificationApi = notification;
    const onRejection = (ev: PromiseRejectionEvent) => {
      ev.preventDefault();
      reportError(ev.reason);
    };
    window.addEventListener("unhandledrejection", onRejection);
    return () => window.removeEventListener("unhandledrejection", onRejection);
  }, [message, notification]);
  return null;
}
