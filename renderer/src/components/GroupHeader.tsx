import { memo, type CSSProperties } from 'react';
import type { GroupId } from '../model/grouping';
import { useActions } from '../store/context';
import type { RowText } from './rowText';
import { GROUP_HEIGHT } from './rowHeight';

interface Props {
  group: GroupId;
  count: number;
  collapsed: boolean;
  rowKey: string;
  index: number;
  active: boolean;
  start: number;
  text: RowText;
}

/** A collapsible group heading (level-1 treegrid row) with its count. */
export const GroupHeader = memo(function GroupHeader(props: Props) {
  const { t } = props.text;
  const actions = useActions();
  const name = t(`group.${props.group}`);
  const style: CSSProperties = { transform: `translateY(${props.start}px)`, height: GROUP_HEIGHT };
  return (
    <div
      role="row"
      aria-level={1}
      aria-expanded={!props.collapsed}
      aria-rowindex={props.index + 1}
      aria-label={t('group.label', { name, count: props.count })}
      tabIndex={props.active ? 0 : -1}
      className={`group-row group-${props.group}`}
      data-key={props.rowKey}
      data-index={props.index}
      style={style}
      onClick={() => actions.toggleGroup(props.group)}
      onFocus={() => actions.setActive(props.rowKey)}
    >
      <div role="gridcell" className="group-cell">
        <span className={props.collapsed ? 'chevron collapsed' : 'chevron'} aria-hidden="true" />
        <span className="group-name">{name}</span>
        <span className="group-count">{props.count}</span>
      </div>
    </div>
  );
});
