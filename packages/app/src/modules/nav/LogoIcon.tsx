import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
  stroke: { stroke: '#7df3e1', strokeWidth: 26, strokeLinecap: 'round', fill: 'none' },
});

/** Three streams merging into one: sources → platform. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg className={classes.svg} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 300" aria-hidden>
      <path className={classes.stroke} d="M20 60 C120 60 140 150 280 150" />
      <path className={classes.stroke} d="M20 150 L280 150" />
      <path className={classes.stroke} d="M20 240 C120 240 140 150 280 150" />
    </svg>
  );
};
