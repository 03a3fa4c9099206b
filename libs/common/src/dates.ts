/** Today's date in Japan (YYYY-MM-DD), whatever the server's time zone. */
export const todayInJapan = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
