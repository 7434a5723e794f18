/** 201 Created and 204 No Content both mean the broker did it. */
export const WRITE_OK: readonly number[] = [200, 201, 204];

/** A delete of something already gone is done: that is what makes deletes repeatable. */
export const DELETE_OK: readonly number[] = [200, 204, 404];
