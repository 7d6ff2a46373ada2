import qrcode from "qrcode-generator";

/** A QR code of the otpauth URI as a data: image (the CSP allows data: images, not inline script). */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  return qr.createDataURL(5, 8);
}

/** What the authenticator app needs: the steps, the QR code, the key to type by hand, and the raw setup link. */
export function AuthenticatorKey({ secret, uri, email }: { secret: string; uri: string; email: string }) {
  return (
    <>
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>Open an authenticator app (Google Authenticator, 1Password, Microsoft Authenticator…).</li>
        <li>Scan the code below, or type the key by hand.</li>
        <li>Enter the 6 digits the app then shows.</li>
      </ol>
      <div className="flex justify-center">
        {/* eslint-disable-next-line @next/next/no-img-element --
            a data: URL, nothing for next/image to optimise */}
        <img
          src={qrDataUrl(uri)}
          alt={`QR code to add ${email} to an authenticator app`}
          width={200}
          height={200}
          className="h-48 w-48"
        />
      </div>
      <div>
        <p className="text-sm font-medium text-slate-700" id="key-label">
          Key (for typing by hand)
        </p>
        <p
          className="mt-1 break-all rounded-md bg-slate-50 p-2 font-mono text-sm text-slate-900"
          aria-labelledby="key-label"
          data-testid="totp-secret"
        >
          {secret.match(/.{1,4}/g)?.join(" ")}
        </p>
        <details className="mt-2 text-xs text-slate-600">
          <summary className="cursor-pointer">Setup link (otpauth URI)</summary>
          <p className="mt-1 break-all font-mono" data-testid="otpauth-uri">
            {uri}
          </p>
        </details>
      </div>
    </>
  );
}
