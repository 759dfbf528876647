import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Modal } from 'antd';
import { applyServerErrors } from './serverErrors.js';
import { withDates } from './dates.js';
import { T } from '../i18n/text.js';

/**
 * A form in a dialog: Chinese validation on the client, dates sent as 'YYYY-MM-DD', the server's
 * field errors under their fields and anything else above the buttons. Field ids are `${name}_${field}`;
 * the submit button is `${name}-submit`.
 */
export function FormDialog<V extends object>({ title, name, initialValues, submitText = T.common.submit, width = 720, onSubmit, onClose, children }: {
  title: string;
  name: string;
  initialValues?: Partial<V>;
  submitText?: string;
  width?: number;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (raw: V) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(withDates(raw));
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} width={width} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} name={name} layout="vertical" onFinish={submit} initialValues={initialValues} data-testid={`form-${name}`}>
        {children}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`${name}-submit`}>{submitText}</Button>
        <Button style={{ marginLeft: 8 }} onClick={onClose}>{T.common.cancel}</Button>
      </Form>
    </Modal>
  );
}

/** Form rules in Chinese. */
export const rules = {
  text: (what: string) => [{ required: true, whitespace: true, message: T.common.required(what) }],
  choose: (what: string) => [{ required: true, message: T.common.choose(what) }],
};

/** A tags Select for free-text lists (names, ledger numbers). */
export const tagsSelect = { mode: 'tags' as const, tokenSeparators: [',', '，', '、', ' '], open: false, suffixIcon: null };
