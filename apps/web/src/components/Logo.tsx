/** The product mark: a leaf in a circle (no emoji font needed). */
export function Logo({ size = 24, color = '#1f6f4a', leaf = '#fff' }: { size?: number; color?: string; leaf?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" style={{ flex: 'none', verticalAlign: 'middle' }}>
      <circle cx="16" cy="16" r="15" fill={color} />
      <path d="M16 6c-6 6-6 14 0 20 6-6 6-14 0-20z" fill={leaf} />
      <path d="M16 10v14" stroke={color} strokeWidth="1.2" />
    </svg>
  );
}
