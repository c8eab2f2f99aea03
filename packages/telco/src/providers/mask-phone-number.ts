/** `+27821234567` → `+27*******67`: enough to correlate in logs, not enough to identify. */
export function maskPhoneNumber(phoneNumber: string): string {
  if (phoneNumber.length <= 5) {
    return '*'.repeat(phoneNumber.length);
  }
  return phoneNumber.slice(0, 3) + '*'.repeat(phoneNumber.length - 5) + phoneNumber.slice(-2);
}
