// Generic building blocks for every console page. Each component documents its props.
export { cn } from "./cn";
export { AddLink } from "./add-link";
export { rowLinkClass, textLinkClass } from "./link-classes";
export { Alert, type AlertTone } from "./alert";
export { Badge, type BadgeTone } from "./badge";
export { Button, buttonClasses, type ButtonProps, type ButtonVariant, type ButtonSize } from "./button";
export { Card, type CardProps } from "./card";
export {
  DataTable,
  fieldColumn,
  listSort,
  type Column,
  type DataTableBaseProps,
  type DataTableProps,
  type RowKey,
  type TableSort,
} from "./data-table";
export { ListPager, Pager, type PagerProps } from "./pager";
export { UtcTime } from "./utc-time";
export {
  DateRangeFields,
  FilterSelect,
  FilterBar,
  type FilterField,
  FilterSelects,
  IgnoredFilters,
  KeepState,
  ListFilters,
  PageSizeSelect,
  SearchField,
  type ListFiltersProps,
} from "./list-filters";
export { DetailField } from "./detail-field";
export { ScrollRegion } from "./scroll-region";
export { TabNav, type Tab } from "./tab-nav";
export { Disclosure } from "./disclosure";
export { Dialog, ConfirmDialog, type DialogProps, type ConfirmDialogProps } from "./dialog";
export { EmptyState, type EmptyStateProps } from "./empty-state";
export {
  Field,
  fieldControl,
  Input,
  Select,
  Textarea,
  type InputProps,
  type SelectProps,
  type SelectOption,
  type TextareaProps,
  type FieldProps,
  type FieldFrameProps,
  type FieldControlProps,
} from "./field";
export {
  cellControl,
  controlBase,
  controlEdge,
  toolbarControl,
  type CompactControl,
  type ControlEdge,
} from "./control-classes";
export { PageHeader, type PageHeaderProps, type Crumb } from "./page-header";
export { ProgressBar } from "./progress-bar";
export { TraceForSupport } from "./trace-for-support";
export { Spinner } from "./spinner";
export { SubmitButton } from "./submit-button";
