/** The app mark, inline so that nothing is fetched. */
export function BrokerlensLogo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="var(--mantine-color-indigo-filled)" />
      <circle cx="28" cy="28" r="14" fill="none" stroke="#fff" strokeWidth="6" />
      <path d="M38 38l12 12" stroke="#fff" strokeWidth="7" strokeLinecap="round" />
      <circle cx="28" cy="28" r="4" fill="#fff" />
    </svg>
  )
}
