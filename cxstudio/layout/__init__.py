"""Pure geometry of journey views: stage columns, lane rows, card rectangles, curve points."""
