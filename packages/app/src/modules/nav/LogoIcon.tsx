/** Three streams merging into one: sources → platform. */
export const LogoIcon = () => (
  <svg
    width={28}
    height={28}
    viewBox="0 0 300 300"
    xmlns="http://www.w3.org/2000/svg"
    aria-hidden
  >
    {[
      'M20 60 C120 60 140 150 280 150',
      'M20 150 L280 150',
      'M20 240 C120 240 140 150 280 150',
    ].map(d => (
      <path
        key={d}
        d={d}
        stroke="#7df3e1"
        strokeWidth={26}
        strokeLinecap="round"
        fill="none"
      />
    ))}
  </svg>
);
