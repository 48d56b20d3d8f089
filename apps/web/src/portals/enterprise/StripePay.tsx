// Card payment with Stripe's Payment Element, for a payment whose answer carries a client secret.
// Loaded on demand (its own chunk) and only where the API answers Stripe's publishable key
// (GET /payments/stripe/config): elsewhere the page offers the bank transfer only.
import { useMemo, useState } from 'react';
import { Alert, Button } from 'antd';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe } from '@stripe/stripe-js';
import { useTranslation } from 'react-i18next';


function PayForm({ returnUrl, onDone }: { returnUrl: string; onDone: () => void }) {
  const { t } = useTranslation('enterprise');
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!stripe || !elements) return;
    setBusy(true);
    setError(null);
    const res = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl }, redirect: 'if_required' });
    setBusy(false);
    if (res.error) setError(res.error.message ?? t('pay.cardFailed'));
    else onDone();
  };
  return (
    <>
      <PaymentElement />
      {error ? <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={error} /> : null}
      <Button type="primary" style={{ marginTop: 12 }} loading={busy} disabled={!stripe} onClick={() => void submit()}>
        {t('pay.cardSubmit')}
      </Button>
    </>
  );
}

export default function StripePay({ publishableKey, clientSecret, returnUrl, onDone }: { publishableKey: string; clientSecret: string; returnUrl: string; onDone: () => void }) {
  const { i18n } = useTranslation();
  const stripePromise = useMemo(() => loadStripe(publishableKey), [publishableKey]);
  if (!stripePromise) return null;
  return (
    <Elements stripe={stripePromise} options={{ clientSecret, locale: i18n.language === 'en-US' ? 'en' : 'zh' }}>
      <PayForm returnUrl={returnUrl} onDone={onDone} />
    </Elements>
  );
}
